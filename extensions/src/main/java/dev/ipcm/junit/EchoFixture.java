package dev.ipcm.junit;

import dev.ipcm.Client;
import dev.ipcm.IpcmException;
import dev.ipcm.Store;
import dev.ipcm.internal.Json;
import dev.ipcm.service.EchoService;
import dev.ipcm.service.ServiceHandle;
import dev.ipcm.service.ServiceOptions;
import dev.ipcm.service.Services;
import dev.ipcm.Capability;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The Echo service a test gets as a {@link ServiceHandle} parameter: one per store, named
 * {@value #NAME}, in a child JVM when the protocol crosses processes (in a thread otherwise), and
 * stopped before its store is checked and closed.
 */
final class EchoFixture {
    /** The service's name on the store. */
    static final String NAME = "echo";
    private static final AtomicLong PROBES = new AtomicLong();

    private final ServiceHandle handle;
    private boolean stopped;

    private EchoFixture(ServiceHandle handle) {
        this.handle = handle;
    }

    static EchoFixture start(Store store, IpcmConfiguration config) {
        ServiceOptions options = ServiceOptions.named(NAME).serviceClass(EchoService.class).ipcmInfo(store.info())
                .timeout(config.awaitTimeout());
        if (!store.capabilities().has(Capability.CROSS_PROCESS)) {
            options.inThread(); // the store cannot be reached from another JVM
        }
        return new EchoFixture(Services.start(options));
    }

    ServiceHandle handle() {
        return handle;
    }

    /**
     * Disconnects the handle, tells the service to end (the terminate message a store's shutdown
     * would send) and waits until it has left the store and its process has exited, so its counts
     * are persisted before the sanity check.
     */
    synchronized void stop(Store store, Duration timeout) {
        if (stopped) {
            return;
        }
        stopped = true;
        handle.close();
        if (store.isDestroyed()) {
            return;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        Client probe;
        try {
            probe = store.connect("ipcm-echo-stop-" + PROBES.incrementAndGet());
        } catch (IpcmException e) {
            return; // the store is unusable; the process wait below still bounds the service
        }
        try {
            if (probe.peers().contains(NAME)) {
                probe.send(NAME, Json.mapper().createObjectNode().put("terminate", 1));
                while (probe.peers().contains(NAME) && System.nanoTime() < deadline) {
                    probe.awaitPeerChange(Duration.ofNanos(Math.max(1, Math.min(deadline - System.nanoTime(),
                            TimeUnit.MILLISECONDS.toNanos(200)))));
                }
            }
        } finally {
            Fixture.Clients.disconnectQuietly(probe);
        }
        handle.process().ifPresent(p -> {
            try {
                if (!p.waitFor(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                p.destroyForcibly();
            }
        });
    }
}
