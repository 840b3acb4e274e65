package dev.ipcm.bench;

import dev.ipcm.Client;
import dev.ipcm.Ipcm;
import dev.ipcm.SpawnOptions;
import dev.ipcm.Store;
import dev.ipcm.service.EchoService;
import dev.ipcm.service.ServiceHandle;
import dev.ipcm.service.ServiceOptions;
import dev.ipcm.service.Services;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Measures one protocol cold ({@link ColdFigures}): fresh sender JVMs against a receiver in this
 * JVM, and Echo services started in a thread.
 */
final class ColdBench {
    private static final Duration WAIT_STEP = Duration.ofMillis(200);

    private ColdBench() {}

    static ColdFigures measure(String protocol, Map<String, String> spawnParams, int size, ColdSettings settings,
            int serviceStarts, long timeoutNanos, Consumer<String> progress) {
        try {
            progress.accept(protocol + " " + Units.size(size) + ": cold, " + settings.runs() + " fresh JVMs sending 1 + "
                    + settings.messages() + " messages");
            long[] first = new long[settings.runs()];
            long[] elapsed = new long[settings.runs()];
            for (int run = 0; run < settings.runs(); run++) {
                long[] times = freshSender(protocol, spawnParams, size, settings.messages(), timeoutNanos);
                first[run] = times[0];
                elapsed[run] = times[1];
            }
            long[] sorted = elapsed.clone();
            Arrays.sort(sorted);
            Throughput median = new Throughput(settings.messages(), size, sorted[(sorted.length - 1) / 2]);
            progress.accept(protocol + ": Echo service in a thread, " + serviceStarts + " starts");
            long[] ready = new long[serviceStarts];
            for (int i = 0; i < serviceStarts; i++) {
                ready[i] = threadServiceReady(protocol, spawnParams);
            }
            return new ColdFigures(protocol, size, Latency.of(first, 0), median, Latency.of(ready, 0), null);
        } catch (Exception | LinkageError e) {
            String why = e.getMessage() == null ? e.toString() : e.getMessage();
            progress.accept(protocol + " cold: FAILED: " + why);
            return new ColdFigures(protocol, size, null, null, null, why);
        }
    }

    /** One fresh JVM: {start to first receipt, its stream's first send to the last receipt}. */
    private static long[] freshSender(String protocol, Map<String, String> spawnParams, int size, int messages,
            long timeoutNanos) throws Exception {
        SpawnOptions options = SpawnOptions.defaults().protocol(protocol).peerTimeout(Duration.ofSeconds(10));
        spawnParams.forEach(options::param);
        try (Store store = Ipcm.spawn(options)) {
            Client receiver = store.connect("cold-rx");
            try {
                long start = System.nanoTime();
                long deadline = start + timeoutNanos;
                try (ChildPeer child = ChildPeer.start(ColdSenderMain.class, List.of(store.info(), "cold-tx", "cold-rx",
                        Integer.toString(size), Integer.toString(messages)),
                        new IpcmTransport(protocol, spawnParams).childEnvironment())) {
                    long firstAt = -1;
                    for (int got = 0; got < messages + 1; ) {
                        int n = receiver.awaitMessages(WAIT_STEP).size();
                        long now = System.nanoTime();
                        if (n > 0 && firstAt < 0) {
                            firstAt = now;
                        }
                        got += n;
                        if (now > deadline) {
                            child.kill();
                            throw new BenchException("the fresh JVM's " + (messages + 1) + " messages did not all arrive"
                                    + " within the session timeout (" + got + " did); raise it or lower --cold-messages");
                        }
                    }
                    long lastAt = System.nanoTime();
                    long streamStart = Long.parseLong(child.expect("SENT", deadline));
                    return new long[] {firstAt - start, lastAt - streamStart};
                }
            } finally {
                receiver.disconnect(leftovers -> { });
            }
        }
    }

    /** {@code Services.start(...)} of an Echo service in a thread, to its return, store spawn included. */
    private static long threadServiceReady(String protocol, Map<String, String> spawnParams) {
        SpawnOptions spawn = SpawnOptions.defaults().protocol(protocol).peerTimeout(Duration.ofSeconds(10));
        spawnParams.forEach(spawn::param);
        long t = System.nanoTime();
        try (ServiceHandle handle = Services.start(ServiceOptions.named("echo").serviceClass(EchoService.class).inThread()
                .spawnOptions(spawn))) {
            return System.nanoTime() - t;
        }
    }
}
