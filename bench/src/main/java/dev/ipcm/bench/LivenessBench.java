package dev.ipcm.bench;

import dev.ipcm.Client;
import dev.ipcm.Ipcm;
import dev.ipcm.SpawnOptions;
import dev.ipcm.Store;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * Measures liveness detection on one database server store ({@link LivenessFigures}): per run a
 * {@link LivenessPeerMain} child connects, is SIGKILLed, and a client of this JVM asks
 * {@code peerActive} every millisecond until the peer is gone.
 */
final class LivenessBench {
    /** The stores whose liveness comes from the server. */
    static final Set<String> PROTOCOLS = Set.of("PostgreSQL", "MariaDB", "MySQL");
    private static final long ASK_PAUSE_NANOS = 1_000_000;

    private LivenessBench() {}

    static LivenessFigures measure(String protocol, Map<String, String> spawnParams, int runs, long timeoutNanos,
            Consumer<String> progress) {
        progress.accept(protocol + ": liveness detection, " + runs + " peer JVMs SIGKILLed");
        SpawnOptions options = SpawnOptions.defaults().protocol(protocol).peerTimeout(Duration.ofSeconds(10));
        spawnParams.forEach(options::param);
        try (Store store = Ipcm.spawn(options); Client observer = store.connect("liveness-observer")) {
            long[] detection = new long[runs];
            for (int run = 0; run < runs; run++) {
                detection[run] = killAndWatch(store, observer, "liveness-" + run,
                        new IpcmTransport(protocol, spawnParams).childEnvironment(), timeoutNanos);
            }
            return new LivenessFigures(protocol, Latency.of(detection, 0), null);
        } catch (Exception | LinkageError e) {
            String why = e.getMessage() == null ? e.toString() : e.getMessage();
            progress.accept(protocol + " liveness: FAILED: " + why);
            return new LivenessFigures(protocol, null, why);
        }
    }

    /** One run: nanoseconds from the kill of a connected peer until {@code observer} sees it gone. */
    private static long killAndWatch(Store store, Client observer, String name, Map<String, String> childEnv,
            long timeoutNanos) throws Exception {
        long deadline = System.nanoTime() + timeoutNanos;
        try (ChildPeer peer = ChildPeer.start(LivenessPeerMain.class, List.of(store.info(), name), childEnv)) {
            peer.expect("READY", deadline);
            if (!observer.peerActive(name)) {
                throw new BenchException("the peer '" + name + "' said READY but did not look alive to another peer");
            }
            peer.kill();
            long killed = System.nanoTime();
            while (observer.peerActive(name)) {
                if (System.nanoTime() > deadline) {
                    throw new BenchException("the SIGKILLed peer '" + name + "' still looked alive after the phase"
                            + " timeout; raise it (--session-timeout) or check the server's session settings");
                }
                LockSupport.parkNanos(ASK_PAUSE_NANOS);
            }
            return System.nanoTime() - killed;
        }
    }
}
