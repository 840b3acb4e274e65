package dev.ipcm.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Perl reference (IPC::Manager) measured by its bench script: found through a setting that
 * names its {@code env.sh} (the script that puts the reference on {@code PERL5LIB}) or the folder
 * holding {@code env.sh} and {@code bench.pl}.
 */
final class PerlReference {
    /** The environment variable that names the reference when no option does. */
    static final String SETTING = "IPCM_PERL_REFERENCE";

    private final Path env;
    private final Path script;

    private PerlReference(Path env, Path script) {
        this.env = env;
        this.script = script;
    }

    /**
     * The reference the setting names ({@code null}: the {@value #SETTING} environment variable).
     *
     * @throws BenchException saying what is missing and how to point at it
     */
    static PerlReference locate(Path setting) {
        Path given = setting;
        if (given == null) {
            String fromEnv = System.getenv(SETTING);
            if (fromEnv == null || fromEnv.isBlank()) {
                throw new BenchException("the Perl reference is not configured: set " + SETTING
                        + " (or --reference-env) to its env.sh, or to the folder holding env.sh and bench.pl");
            }
            given = Path.of(fromEnv);
        }
        Path env = Files.isDirectory(given) ? given.resolve("env.sh") : given;
        Path script = env.resolveSibling("bench.pl");
        if (!Files.isRegularFile(env) || !Files.isRegularFile(script)) {
            throw new BenchException("the Perl reference is not at " + given + ": expected env.sh and bench.pl in "
                    + env.toAbsolutePath().getParent() + " (set " + SETTING + " or --reference-env)");
        }
        return new PerlReference(env.toAbsolutePath(), script.toAbsolutePath());
    }

    /** Ping-pong round trips and a one-way stream of the reference on a fresh store of {@code protocol}. */
    Measurement measure(String protocol, int size, int roundTrips, int messages, Map<String, String> spawnParams,
            Path dir, long timeoutNanos) {
        String label = "perl IPC::Manager " + protocol;
        try {
            Latency latency = ExternalFigures.perlLatency(run(dir, timeoutNanos, spawnParams, "rtt", protocol,
                    roundTrips, size));
            Throughput throughput = ExternalFigures.perlThroughput(run(dir, timeoutNanos, spawnParams, "stream", protocol,
                    messages, size));
            return new Measurement(label, true, size, latency, throughput, null);
        } catch (BenchException e) {
            return Measurement.failed(label, true, size, e.getMessage());
        }
    }

    /** The reference's Echo service on {@code protocol}: request round trips and one start. */
    ServiceFigures echo(String protocol, int requests, Map<String, String> spawnParams, Path dir, long timeoutNanos) {
        try {
            String line = run(dir, timeoutNanos, spawnParams, "echo", protocol, requests, 0);
            long ready = ExternalFigures.perlReadyNanos(line);
            return new ServiceFigures("perl " + protocol, 0, ExternalFigures.perlLatency(line),
                    new Latency(1, 0, ready, ready, ready, ready), null);
        } catch (BenchException e) {
            return new ServiceFigures("perl " + protocol, 0, null, null, e.getMessage());
        }
    }

    private String run(Path dir, long timeoutNanos, Map<String, String> spawnParams, String mode, String protocol,
            int count, int size) {
        List<String> command = new ArrayList<>(List.of("bash", "-c",
                "set -e; . \"$0\" >/dev/null; [ -z \"$IPCM_ROUTE\" ] || export IPCM_BENCH_ROUTE=\"$IPCM_ROUTE\";"
                        + " exec perl \"$@\"",
                env.toString(), script.toString(), mode, protocol, Integer.toString(count)));
        if (!mode.equals("echo")) {
            command.add(Integer.toString(size));
        }
        // The store's route (a DBI DSN, for the database stores) goes through the environment.
        return ExternalCommand.figuresLine(command, Map.of("IPCM_ROUTE", spawnParams.getOrDefault("route", "")), dir,
                timeoutNanos, l -> l.startsWith("{"));
    }
}
