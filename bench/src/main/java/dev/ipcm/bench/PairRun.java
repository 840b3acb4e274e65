package dev.ipcm.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Measures one transport at one size between this JVM and a child: set up, start the child,
 * ping-pong, stream, tear down; a deadline kills the child and closes the link if anything hangs.
 */
final class PairRun {
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "bench-deadline");
        t.setDaemon(true);
        return t;
    });

    private PairRun() {}

    /** The counts of one session. */
    record Counts(int warmupRoundTrips, int roundTrips, int warmupMessages, int messages, long intervalNanos) {
        /** The same counts on a given schedule (0 keeps the automatic rule). */
        Counts onSchedule(long interval) {
            return new Counts(warmupRoundTrips, roundTrips, warmupMessages, messages, interval);
        }
    }

    static Measurement measure(Transport transport, int size, Counts counts, long timeoutNanos, Consumer<String> progress) {
        return measure(transport, size, counts, timeoutNanos, 0, progress);
    }

    /**
     * The same, with {@code idlePeers} extra clients connected to the store (in this JVM) for the
     * whole session: they never send or read, they only make the store more crowded.
     */
    static Measurement measure(Transport transport, int size, Counts counts, long timeoutNanos, int idlePeers,
            Consumer<String> progress) {
        long deadline = System.nanoTime() + timeoutNanos;
        Path work = null;
        try {
            work = Files.createTempDirectory("ipcm-bench",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            try (TransportSession session = transport.start(work, size)) {
                List<AutoCloseable> idle = new java.util.ArrayList<>();
                try {
                    for (int i = 0; i < idlePeers; i++) {
                        idle.add(session.idlePeer("idle-" + i));
                    }
                    return pair(transport, session, size, counts, deadline, timeoutNanos, progress);
                } finally {
                    // The idle peers leave before the store shuts down, so its shutdown does not
                    // have to send each of them a terminate message and wait for it to go.
                    idle.forEach(PairRun::closeQuietly);
                }
            }
        } catch (Exception | LinkageError e) {
            String why = e.getMessage() == null ? e.toString() : e.getMessage();
            progress.accept(transport.label() + " " + size + " B: FAILED: " + why);
            return Measurement.failed(transport.label(), transport.isRaw(), size, why);
        } finally {
            if (work != null) {
                deleteTree(work);
            }
        }
    }

    private static Measurement pair(Transport transport, TransportSession session, int size, Counts counts,
            long deadline, long timeoutNanos, Consumer<String> progress) throws Exception {
        List<String> args = List.of(transport.spec(), session.childArgument(), "child", "parent",
                Integer.toString(size), Integer.toString(counts.warmupRoundTrips() + counts.roundTrips()));
        try (ChildPeer child = ChildPeer.start(args, transport.childEnvironment())) {
            child.expect("READY", deadline);
            Link link = session.parentLink("parent", "child");
            AtomicBoolean timedOut = new AtomicBoolean();
            ScheduledFuture<?> watchdog = WATCHDOG.schedule(() -> {
                timedOut.set(true);
                child.kill();
                closeQuietly(link);
            }, Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            try {
                progress.accept(transport.label() + " " + size + " B: " + counts.roundTrips()
                        + " round trips (after " + counts.warmupRoundTrips() + " warm-up)");
                Latency latency = PingPong.measure(link, counts.warmupRoundTrips(), counts.roundTrips(),
                        counts.intervalNanos());
                progress.accept(transport.label() + " " + size + " B: streaming " + counts.messages()
                        + " messages (after " + counts.warmupMessages() + " warm-up; again while the JIT is busy)");
                Throughput throughput = StreamRun.measure(link, child, counts.warmupMessages(), counts.messages(),
                        size, deadline, line -> progress.accept(transport.label() + " " + size + " B: " + line));
                return new Measurement(transport.label(), transport.isRaw(), size, latency, throughput, null);
            } catch (Exception e) {
                if (timedOut.get()) {
                    throw new BenchException("did not finish within the session timeout of "
                            + TimeUnit.NANOSECONDS.toSeconds(timeoutNanos) + " s", e);
                }
                throw e;
            } finally {
                watchdog.cancel(false);
                closeQuietly(link);
            }
        }
    }

    static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // Closing after a failure or a deadline; the failure is what gets reported.
        }
    }

    static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // A leftover temp directory is harmless; the next run uses a fresh one.
        }
    }
}
