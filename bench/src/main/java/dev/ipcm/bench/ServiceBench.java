package dev.ipcm.bench;

import dev.ipcm.SpawnOptions;
import dev.ipcm.service.EchoService;
import dev.ipcm.service.ServiceHandle;
import dev.ipcm.service.ServiceOptions;
import dev.ipcm.service.Services;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Measures the Echo service on one protocol: request round trips through a {@link ServiceHandle}
 * on the fixed schedule (or closed-loop), and the time {@code Services.start(...)} takes to
 * return with the Echo service ready in a child JVM (the store's spawn included, as the call
 * does it).
 */
final class ServiceBench {
    private static final String SERVICE = "echo";

    private ServiceBench() {}

    static ServiceFigures measure(String protocol, Map<String, String> spawnParams, int size, int warmup, int count,
            long intervalNanos, int starts, Consumer<String> progress) {
        try {
            progress.accept("Echo service on " + protocol + ": " + starts + " starts in a child JVM");
            long[] ready = new long[starts];
            for (int i = 0; i < starts; i++) {
                long t = System.nanoTime();
                try (ServiceHandle handle = start(protocol, spawnParams)) {
                    ready[i] = System.nanoTime() - t;
                    if (i == starts - 1) {
                        progress.accept("Echo service on " + protocol + ": " + count + " requests of " + size
                                + " B (after " + warmup + " warm-up)");
                        Latency requests = PingPong.measure(new EchoLink(handle, SERVICE, size), warmup, count, intervalNanos);
                        return new ServiceFigures(protocol, size, requests, Latency.of(ready, 0), null);
                    }
                }
            }
            throw new IllegalStateException("no start was measured: starts=" + starts);
        } catch (Exception | LinkageError e) {
            String why = e.getMessage() == null ? e.toString() : e.getMessage();
            progress.accept("Echo service on " + protocol + ": FAILED: " + why);
            return new ServiceFigures(protocol, size, null, null, why);
        }
    }

    private static ServiceHandle start(String protocol, Map<String, String> spawnParams) {
        SpawnOptions spawn = SpawnOptions.defaults().protocol(protocol).peerTimeout(Duration.ofSeconds(10));
        spawnParams.forEach(spawn::param);
        return Services.start(ServiceOptions.named(SERVICE).serviceClass(EchoService.class).spawnOptions(spawn));
    }
}
