package dev.ipcm.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ipcm.Ipcm;
import dev.ipcm.NameTakenException;
import dev.ipcm.SpawnOptions;
import dev.ipcm.Store;
import dev.ipcm.os.Os;
import dev.ipcm.Capability;
import dev.ipcm.spi.Stores;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Starts services, the Java form of IPC::Manager's {@code ipcm_service}: chooses the bus (a new
 * store, a given one, or the running service's), has {@link ServiceRunner} run the service, and
 * waits until the bus has the service's name registered with a running pid. A nested service's
 * exit reaches the outer service's {@code onPid}.
 */
final class ServiceLauncher {
    private static final long READY_SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

    private ServiceLauncher() {}

    /** Top-level start with a wait: a handle (owning the store it created, if any). */
    static ServiceHandle start(ServiceOptions options) {
        if (ServiceLoop.current().isPresent() && !options.isNewIpcm() && !options.params().has("ipcm_info")) {
            ServiceContext s = ServiceLoop.current().get();
            throw new ServiceConfigException("Services.start(...) was called inside service '" + s.name()
                    + "': use context.startService(options) for a peer on the same bus, or options.newIpcm() for a new store");
        }
        ObjectNode params = options.params();
        Store store = null;
        if (!params.has("ipcm_info")) {
            store = spawnStore(options);
            params.put("ipcm_info", store.info());
            params.putArray("watch_pids").add(Os.get().pid());
        }
        try {
            StartedService started = ServiceRunner.run(options, params);
            ServiceHandle handle = handleFor(options, params.get("ipcm_info").asText());
            handle.own(new LaunchedService(store, started.process(), started.thread()));
            awaitReady(options, started, handle::ready, handle::close);
            started.childPid().ifPresent(handle::setChildPid);
            return handle;
        } catch (RuntimeException e) {
            if (store != null && !store.isDestroyed()) {
                store.unspawn();
            }
            throw e;
        }
    }

    /**
     * The caller's handle, named {@code service_parent_<pid>} as in IPC::Manager. Two services
     * started from one process on one shared store would collide on that name; the second handle
     * then gets a unique suffix instead of failing.
     */
    private static ServiceHandle handleFor(ServiceOptions options, String info) {
        if (options.handleName().isPresent()) {
            return ServiceHandle.builder(options.name(), info).name(options.handleName().get()).build();
        }
        String name = "service_parent_" + Os.get().pid();
        try {
            return ServiceHandle.builder(options.name(), info).client(Ipcm.connect(name, info)).name(name).build();
        } catch (NameTakenException e) {
            String unique = name + "_" + UUID.randomUUID();
            return ServiceHandle.builder(options.name(), info).name(unique).build();
        }
    }

    /** Top-level start without waiting: needs an existing store; returns the launched pid. */
    static long launch(ServiceOptions options) {
        ServiceContext outer = ServiceLoop.current().orElse(null);
        if (outer != null && !options.isNewIpcm()) {
            return launchNested(outer, options);
        }
        ObjectNode params = options.params();
        if (!params.has("ipcm_info")) {
            throw new ServiceConfigException("Cannot start service '" + options.name()
                    + "' without waiting unless 'ipcm_info' is given: nobody would own a new store");
        }
        return ServiceRunner.run(options, params).pid();
    }

    /** A start from inside a running service that waits until it is ready: a peer for it, with its child pid. */
    static ServicePeer startNested(ServiceContext outer, ServiceOptions options) {
        StartedService started = beginNested(outer, options);
        ServicePeer peer = outer.peer(options.name());
        awaitReady(options, started, peer::ready, () -> started.child().ifPresent(Process::destroyForcibly));
        started.childPid().ifPresent(peer::setChildPid);
        return peer;
    }

    /** A start from inside a running service without waiting; returns the launched pid. */
    static long launchNested(ServiceContext outer, ServiceOptions options) {
        return beginNested(outer, options).pid();
    }

    /** Same bus as {@code outer}, its {@code redirect} inherited, the child tracked for its onPid. */
    private static StartedService beginNested(ServiceContext outer, ServiceOptions options) {
        ObjectNode params = options.params();
        if (params.has("ipcm_info") && options.isNewIpcm()) {
            throw new ServiceConfigException("'new_ipcm' and 'ipcm_info' may not be combined");
        }
        if (options.isNewIpcm()) {
            throw new ServiceConfigException("A nested service on a new store is started with Services.start(options), "
                    + "which returns a handle owning that store");
        }
        if (!params.has("ipcm_info")) {
            params.put("ipcm_info", outer.ipcmInfo());
        }
        JsonNode redirect = params.get("redirect");
        if ((redirect == null || redirect.isNull()) && outer.settings().redirect().isPresent()) {
            JsonNode inherited = outer.settings().redirect().get();
            JsonNode inherit = inherited.get("inherit");
            if (inherit == null || inherit.isNull() || Wire.truthy(inherit)) {
                params.set("redirect", inherited);
            }
        }
        StartedService started = ServiceRunner.run(options, params);
        started.child().ifPresent(outer::trackChild);
        return started;
    }

    private static Store spawnStore(ServiceOptions options) {
        SpawnOptions so = options.spawnOptions().orElseGet(SpawnOptions::defaults);
        Store store = Ipcm.spawn(so);
        if (!options.isInThread() && !store.capabilities().has(Capability.CROSS_PROCESS)) {
            String protocol = Stores.protocol(store).name();
            store.unspawn();
            throw new ServiceConfigException("Protocol " + protocol + " cannot cross processes, so service '"
                    + options.name() + "' cannot run in a child JVM on it; use options.inThread() or another protocol");
        }
        return store;
    }

    /** Waits for readiness; a child that exits with an error first fails fast. */
    private static void awaitReady(ServiceOptions options, StartedService started, Predicate<Duration> ready,
            Runnable discard) {
        Duration timeout = options.timeoutOrDefault();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            if (ready.test(Duration.ofNanos(Math.max(0, Math.min(left, READY_SLICE_NANOS))))) {
                return;
            }
            String early = started.endedEarly();
            if (early != null || System.nanoTime() >= deadline) {
                discard.run();
                started.child().filter(Process::isAlive).ifPresent(Process::destroyForcibly);
                throw new ServiceStartException(early != null
                        ? "Service '" + options.name() + "' " + early + " before it was ready"
                        : "Timeout waiting for service to come up after " + timeout.toMillis() / 1000.0 + "s (service '"
                                + options.name() + "')");
            }
        }
    }
}
