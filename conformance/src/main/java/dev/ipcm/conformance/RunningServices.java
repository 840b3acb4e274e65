package dev.ipcm.conformance;

import dev.ipcm.Client;
import dev.ipcm.IpcmException;
import dev.ipcm.Store;
import dev.ipcm.service.ServiceFactory;
import dev.ipcm.service.ServiceHandle;
import dev.ipcm.service.ServiceOptions;
import dev.ipcm.service.Services;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The services one scenario started on the harness's store, in threads or child JVMs. The store
 * belongs to the harness, so closing a handle leaves its service running: closing this asks each
 * service to end (the terminate message a store's shutdown sends), waits until it has left the
 * store, and kills a process that outlives the deadline.
 */
final class RunningServices implements AutoCloseable {
    /** Options that make short-lived child JVMs start faster; they change nothing observable. */
    private static final List<String> FAST_JVM = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto");

    private final Store store;
    private final Duration wait;
    private final List<ServiceHandle> handles = new ArrayList<>();
    private final List<String> others = new ArrayList<>();

    RunningServices(Store store, Duration wait) {
        this.store = store;
        this.wait = wait;
    }

    /** Options for a service built by {@code factory} in a thread of this JVM. */
    static ServiceOptions inThread(String name, ServiceFactory factory) {
        return ServiceOptions.named(name).factory(factory);
    }

    /** Options for a service built by {@code factory} in a child JVM. */
    static ServiceOptions inChildJvm(String name, Class<? extends ServiceFactory> factory) {
        ServiceOptions options = ServiceOptions.named(name).factory(factory);
        FAST_JVM.forEach(options::jvmOption);
        return options;
    }

    /** Starts the service on the scenario's store and waits until it is ready. */
    ServiceHandle start(ServiceOptions options) {
        ServiceHandle handle = Services.start(options.ipcmInfo(store.info()).timeout(PeerProcesses.startTimeout(wait)));
        handles.add(handle);
        return handle;
    }

    /** Also ends, before the services started here, a service one of them started (a nested service). */
    void alsoEnd(String serviceName) {
        others.add(serviceName);
    }

    @Override
    public void close() {
        others.forEach(this::terminate);
        for (ServiceHandle h : handles) {
            stop(h);
        }
    }

    private void stop(ServiceHandle h) {
        java.util.OptionalLong servicePid = servicePid(h);
        h.close();
        long deadline = System.nanoTime() + wait.toNanos();
        terminate(h.serviceName());
        // A relaunched service is not the handle's process: its counts are saved once its own pid has ended.
        servicePid.ifPresent(pid -> {
            if (pid != ProcessHandle.current().pid()) {
                MarkerFiles.until("service '" + h.serviceName() + "' (pid " + pid + ") to exit", wait,
                        () -> !ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
            }
        });
        h.process().ifPresent(p -> {
            try {
                if (!p.waitFor(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    p.descendants().forEach(ProcessHandle::destroyForcibly);
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                p.destroyForcibly();
            }
        });
    }

    private static java.util.OptionalLong servicePid(ServiceHandle h) {
        try {
            return h.servicePid();
        } catch (IpcmException e) {
            return java.util.OptionalLong.empty(); // the service is gone already: nothing to wait for
        }
    }

    /** Sends the terminate message a store's shutdown would and waits until the service has left the store. */
    private void terminate(String serviceName) {
        if (store.isDestroyed()) {
            return;
        }
        try (Client probe = store.connect("ipcm-stop-" + serviceName)) {
            if (probe.peers().contains(serviceName)) {
                probe.send(serviceName, Map.of("terminate", 1));
                Await.peers(probe, () -> !probe.peers().contains(serviceName), wait);
            }
        } catch (IpcmException e) {
            // The service or the store is already gone; the process waits still bound it.
        }
    }
}
