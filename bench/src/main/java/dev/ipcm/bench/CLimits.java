package dev.ipcm.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The machine's limits: {@code bench/limits/ipcbench.c} (shipped in this jar), built with gcc
 * into the run's scratch folder and run for the transport under each protocol.
 */
final class CLimits {
    private static final String SOURCE = "/dev/ipcm/bench/limits/ipcbench.c";
    private static final long BUILD_TIMEOUT_NANOS = 120_000_000_000L;

    private final Path program;

    private CLimits(Path program) {
        this.program = program;
    }

    /**
     * Builds the program in {@code dir}.
     *
     * @throws BenchException when gcc is not on the PATH or the build fails (it needs libsqlite3-dev)
     */
    static CLimits build(Path dir) {
        if (!compilerPresent()) {
            throw new BenchException("gcc is not on the PATH: install gcc and libsqlite3-dev to measure the C limits");
        }
        Path source = dir.resolve("ipcbench.c");
        try (InputStream in = CLimits.class.getResourceAsStream(SOURCE)) {
            if (in == null) {
                throw new BenchException("this jar lacks " + SOURCE + ": build the bench module with Maven");
            }
            Files.copy(in, source);
        } catch (IOException e) {
            throw new BenchException("could not copy the C limits' source into " + dir + ": " + e.getMessage(), e);
        }
        Path program = dir.resolve("ipcbench");
        ExternalCommand.run(List.of("gcc", "-O2", "-o", program.toString(), source.toString(), "-lsqlite3"), Map.of(), dir,
                BUILD_TIMEOUT_NANOS);
        return new CLimits(program);
    }

    /** Whether an executable {@code gcc} is on the PATH. */
    static boolean compilerPresent() {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String entry : path.split(java.io.File.pathSeparator)) {
            if (!entry.isEmpty() && Files.isExecutable(Path.of(entry, "gcc"))) {
                return true;
            }
        }
        return false;
    }

    /** The {@code ipcbench -t} transport under a protocol, or {@code null} when it has none. */
    static String transportFor(String protocol) {
        switch (protocol) {
            case "UnixSocket":
                return "uds-dgram";
            case "ConnectionUnix":
                return "uds-stream";
            case "AtomicPipe":
                return "fifo";
            case "MessageFiles":
            case "JSONFile":
                return "dir-inotify";
            case "SQLite":
                return "sqlite";
            default:
                return null;
        }
    }

    /** Closed-loop ping-pong and a back-to-back stream of the transport under {@code protocol}. */
    Measurement measure(String protocol, int size, PairRun.Counts counts, Path dir, long timeoutNanos) {
        String transport = transportFor(protocol);
        if (transport == null) {
            return Measurement.failed("C -", true, size, "the C limits have no row for " + protocol
                    + " (bench/limits/README.md says why)");
        }
        String label = "C " + transport;
        // ipcbench keeps an 8-byte sequence number in every message.
        int bytes = Math.max(8, size);
        try {
            Latency latency = ExternalFigures.cLatency(run(transport, "pingpong", bytes, counts.roundTrips(),
                    counts.warmupRoundTrips(), dir, timeoutNanos));
            Throughput throughput = ExternalFigures.cThroughput(run(transport, "stream", bytes, counts.messages(),
                    counts.warmupMessages(), dir, timeoutNanos));
            return new Measurement(label, true, size, latency, throughput, null);
        } catch (BenchException e) {
            return Measurement.failed(label, true, size, e.getMessage());
        }
    }

    private String run(String transport, String mode, int size, int n, int warmup, Path dir, long timeoutNanos) {
        return ExternalCommand.figuresLine(List.of(program.toString(), "-t", transport, "-m", mode, "-s",
                Integer.toString(size), "-n", Integer.toString(n), "-w", Integer.toString(warmup), "-d", dir.toString()),
                Map.of(), dir, timeoutNanos, l -> l.startsWith("RESULT "));
    }
}
