package dev.ipcm.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ipcm.ConnectionInfo;
import dev.ipcm.spi.Protocols;
import dev.ipcm.internal.ChildJvm;
import dev.ipcm.internal.Json;
import dev.ipcm.os.Os;
import dev.ipcm.Capability;
import java.io.IOException;

/**
 * Runs a service where its options say: a child JVM running {@link ServiceMain} with the
 * parameters as JSON (the default), a daemon thread of this JVM, or a program of its own that
 * connects itself. The service is built here once first, so configuration errors and its
 * pre-launch hook surface in the caller.
 */
final class ServiceRunner {
    private ServiceRunner() {}

    /** Builds the service and starts it; {@code params} hold its store's {@code ipcm_info}. */
    static StartedService run(ServiceOptions options, ObjectNode params) {
        if (!options.isInThread()) {
            checkCrossProcess(options.name(), params.get("ipcm_info").asText());
        }
        if (options.program().isPresent()) {
            return launchProgram(options, params);
        }
        if (!params.has("class") && !params.has(ObjectTransfer.KEY) && options.factoryInstance().isEmpty()) {
            throw new ServiceConfigException("Service '" + options.name() + "' needs a serviceClass(...) or factory(...)");
        }
        ServiceParams sp = new ServiceParams(params);
        AbstractService service = options.factoryInstance().isPresent()
                ? ServiceClasses.create(options.factoryInstance().get(), sp) : ServiceClasses.build(sp);
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
            return new StartedService(Os.get().pid(), null, t);
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
            return new StartedService(p.pid(), p, null);
        } catch (IOException e) {
            throw new ServiceStartException("Could not start a JVM for service '" + options.name() + "': " + e.getMessage(), e);
        }
    }

    /** Starts a program that connects itself as the service; it learns where and as whom from its environment. */
    private static StartedService launchProgram(ServiceOptions options, ObjectNode params) {
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
            return new StartedService(p.pid(), p, null);
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
            service.context().debug("Service '" + service.name() + "' failed: " + t);
            t.printStackTrace();
        } finally {
            service.context().disconnect();
        }
    }
}
