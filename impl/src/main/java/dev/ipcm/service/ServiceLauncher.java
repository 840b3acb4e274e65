package dev.ipcm.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ipcm.ConnectionInfo;
import dev.ipcm.Ipcm;
import dev.ipcm.IpcmException;
import dev.ipcm.NameTakenException;
import dev.ipcm.Protocols;
import dev.ipcm.SpawnOptions;
import dev.ipcm.Store;
import dev.ipcm.internal.ChildJvm;
import dev.ipcm.internal.Json;
import dev.ipcm.os.Os;
import dev.ipcm.spi.Capability;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Starts services, the Java form of IPC::Manager's {@code ipcm_service}: chooses the bus, builds
 * the service once in the caller (so configuration errors surface here) and runs its pre-launch
 * hook, then runs it in a child JVM (class name + JSON parameters) or a thread, and waits until
 * the bus has the service's name registered with a running pid.
 */
final class ServiceLauncher {
    private static final long READY_SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

    /** What a launch produced. */
    static final class Started {
        final long pid;
        final Process process;
        final Thread thread;
        ServicePeer peer;
        ServiceHandle handle;

        Started(long pid, Process process, Thread thread) {
            this.pid = pid;
            this.process = process;
            this.thread = thread;
        }
    }

    private ServiceLauncher() {}

    /** Top-level start with a wait: a handle (owning the store it created, if any). */
    static ServiceHandle start(ServiceOptions options) {
        if (AbstractService.current().isPresent() && !options.isNewIpcm() && !options.params().has("ipcm_info")) {
            AbstractService s = AbstractService.current().get();
            throw new ServiceConfigException("Services.start(...) was called inside service '" + s.name()
                    + "': use service.startService(options) for a peer on the same bus, or options.newIpcm() for a new store");
        }
        ObjectNode params = options.params();
        Store store = null;
        if (!params.has("ipcm_info")) {
            store = spawnStore(options);
            params.put("ipcm_info", store.info());
            params.putArray("watch_pids").add(Os.get().pid());
        }
        try {
            Started started = launch(options, params, null);
            ServiceHandle handle = handleFor(options, params.get("ipcm_info").asText());
            handle.own(store, started.process, started.thread);
            awaitReady(options, started, handle::ready, handle::close);
            if (started.process != null) {
                handle.setChildPid(started.process.pid());
            }
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
            String unique = name + "_" + java.util.UUID.randomUUID();
            return ServiceHandle.builder(options.name(), info).name(unique).build();
        }
    }

    /** Top-level start without waiting: needs an existing store; returns the launched pid. */
    static long launch(ServiceOptions options) {
        AbstractService outer = AbstractService.current().orElse(null);
        if (outer != null && !options.isNewIpcm()) {
            return startNested(outer, options, false).pid;
        }
        ObjectNode params = options.params();
        if (!params.has("ipcm_info")) {
            throw new ServiceConfigException("Cannot start service '" + options.name()
                    + "' without waiting unless 'ipcm_info' is given: nobody would own a new store");
        }
        return launch(options, params, null).pid;
    }

    /** A start from inside a running service: same bus, a peer for the result, the child tracked for onPid. */
    static Started startNested(AbstractService outer, ServiceOptions options, boolean wait) {
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
        if ((redirect == null || redirect.isNull()) && outer.redirect().isPresent()) {
            JsonNode inherited = outer.redirect().get();
            JsonNode inherit = inherited.get("inherit");
            if (inherit == null || inherit.isNull() || Wire.truthy(inherit)) {
                params.set("redirect", inherited);
            }
        }
        Started started = launch(options, params, outer);
        if (started.process != null) {
            outer.trackChild(started.process);
        }
        if (wait) {
            ServicePeer peer = outer.peer(options.name());
            awaitReady(options, started, peer::ready, () -> {
                if (started.process != null) {
                    started.process.destroyForcibly();
                }
            });
            if (started.process != null) {
                peer.setChildPid(started.process.pid());
            }
            started.peer = peer;
        }
        return started;
    }

    private static Store spawnStore(ServiceOptions options) {
        SpawnOptions so = options.spawnOptions().orElseGet(SpawnOptions::defaults);
        Store store = Ipcm.spawn(so);
        if (!options.isInThread() && !store.capabilities().has(Capability.CROSS_PROCESS)) {
            String protocol = store.protocol().name();
            store.unspawn();
            throw new ServiceConfigException("Protocol " + protocol + " cannot cross processes, so service '"
                    + options.name() + "' cannot run in a child JVM on it; use options.inThread() or another protocol");
        }
        return store;
    }

    private static Started launch(ServiceOptions options, ObjectNode params, AbstractService outer) {
        if (!options.isInThread()) {
            checkCrossProcess(options.name(), params.get("ipcm_info").asText());
        }
        if (options.program().isPresent()) {
            return launchProgram(options, params);
        }
        if (!params.has("class") && options.factoryInstance().isEmpty()) {
            throw new ServiceConfigException("Service '" + options.name() + "' needs a serviceClass(...) or factory(...)");
        }
        ServiceParams sp = new ServiceParams(params);
        AbstractService service = options.factoryInstance().isPresent()
                ? create(options.factoryInstance().get(), sp) : build(sp);
        try {
            service.preLaunchHook();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new ServiceStartException("Pre-launch hook of service '" + options.name() + "' failed: " + e, e);
        }
        if (options.isInThread()) {
            Thread t = new Thread(() -> runInThread(service, params), "ipcm-service-" + options.name());
            t.setDaemon(true);
            t.start();
            return new Started(Os.get().pid(), null, t);
        }
        ChildJvm jvm = ChildJvm.of(ServiceMain.class).jvmOption("-Dipcm.service=" + options.name())
                .args(Json.encodeToString(params)).shareClassData();
        if (options.isQuickStart()) {
            jvm.quickStart();
        }
        options.jvmOptions().forEach(jvm::jvmOption);
        try {
            Process p = jvm.start();
            ChildOutput.pump(p, options.name());
            return new Started(p.pid(), p, null);
        } catch (IOException e) {
            throw new ServiceStartException("Could not start a JVM for service '" + options.name() + "': " + e.getMessage(), e);
        }
    }

    /** Starts a program that connects itself as the service; it learns where and as whom from its environment. */
    private static Started launchProgram(ServiceOptions options, ObjectNode params) {
        if (options.isInThread()) {
            throw new ServiceConfigException("Service '" + options.name() + "' is a program; it cannot run in a thread");
        }
        ProcessBuilder pb = new ProcessBuilder(options.program().get());
        pb.environment().put("IPCM_INFO", params.get("ipcm_info").asText());
        pb.environment().put("IPCM_SERVICE_NAME", options.name());
        pb.environment().put("IPCM_SERVICE_PARAMS", Json.encodeToString(params));
        pb.redirectError(ProcessBuilder.Redirect.INHERIT);
        try {
            Process p = pb.start();
            ChildOutput.pump(p, options.name());
            return new Started(p.pid(), p, null);
        } catch (IOException e) {
            throw new ServiceStartException("Could not start program " + options.program().get() + " for service '"
                    + options.name() + "': " + e.getMessage(), e);
        }
    }

    private static void checkCrossProcess(String name, String info) {
        String protocol = ConnectionInfo.parse(info).protocol();
        if (!Protocols.byName(protocol).capabilities().has(Capability.CROSS_PROCESS)) {
            throw new ServiceConfigException("Protocol " + protocol + " cannot cross processes, so service '" + name
                    + "' cannot run in a child JVM on it; use options.inThread() or another protocol");
        }
    }

    private static void runInThread(AbstractService service, ObjectNode params) {
        try {
            service.postLaunchHook(new LaunchContext(params, true));
            service.run();
        } catch (Throwable t) {
            service.debug("Service '" + service.name() + "' failed: " + t);
            t.printStackTrace();
        } finally {
            service.disconnect();
        }
    }

    /** Waits for readiness; a child that exits with an error first fails fast. */
    private static void awaitReady(ServiceOptions options, Started started, java.util.function.Predicate<Duration> ready,
            Runnable discard) {
        Duration timeout = options.timeoutOrDefault();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            if (ready.test(Duration.ofNanos(Math.max(0, Math.min(left, READY_SLICE_NANOS))))) {
                return;
            }
            String early = endedEarly(started);
            if (early != null || System.nanoTime() >= deadline) {
                discard.run();
                if (started.process != null && started.process.isAlive()) {
                    started.process.destroyForcibly();
                }
                throw new ServiceStartException(early != null
                        ? "Service '" + options.name() + "' " + early + " before it was ready"
                        : "Timeout waiting for service to come up after " + timeout.toMillis() / 1000.0 + "s (service '"
                                + options.name() + "')");
            }
        }
    }

    private static String endedEarly(Started s) {
        if (s.process != null && !s.process.isAlive() && s.process.exitValue() != 0) {
            // Exit 0 is a daemonizing first process handing over; keep waiting for the real service.
            return "exited with code " + s.process.exitValue();
        }
        if (s.thread != null && !s.thread.isAlive()) {
            return "thread ended";
        }
        return null;
    }

    /**
     * Builds a service from parameters: {@code class} names an {@link AbstractService} subclass
     * with a public {@code (ServiceParams)} constructor or a {@link ServiceFactory} with a public
     * no-argument constructor.
     */
    static AbstractService build(ServiceParams params) {
        String className = params.text("class").orElseThrow(() -> new ServiceConfigException(
                "Service '" + params.text("name").orElse("?") + "' has no 'class' parameter naming what to run"));
        Class<?> type;
        try {
            type = Class.forName(className, true, loader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new ServiceConfigException("Service class '" + className + "' cannot be loaded: " + e, e);
        }
        try {
            if (ServiceFactory.class.isAssignableFrom(type)) {
                return create((ServiceFactory) type.getConstructor().newInstance(), params);
            }
            if (AbstractService.class.isAssignableFrom(type)) {
                return (AbstractService) type.getConstructor(ServiceParams.class).newInstance(params);
            }
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IpcmException) {
                throw (IpcmException) cause;
            }
            throw new ServiceConfigException("Service class '" + className + "' failed to construct: " + cause, cause);
        } catch (ReflectiveOperationException e) {
            throw new ServiceConfigException("'" + className + "' needs a public constructor: (ServiceParams) for a service "
                    + "class, () for a factory: " + e, e);
        }
        throw new ServiceConfigException("'" + className + "' does not extend " + AbstractService.class.getName()
                + " nor implement " + ServiceFactory.class.getName());
    }

    private static AbstractService create(ServiceFactory factory, ServiceParams params) {
        AbstractService s;
        try {
            s = factory.create(params);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new ServiceConfigException("Service factory " + factory.getClass().getName() + " failed: " + e, e);
        }
        if (s == null) {
            throw new ServiceConfigException("Service factory " + factory.getClass().getName() + " returned null");
        }
        return s;
    }

    private static ClassLoader loader() {
        ClassLoader l = Thread.currentThread().getContextClassLoader();
        return l != null ? l : ServiceLauncher.class.getClassLoader();
    }
}
