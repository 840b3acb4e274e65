package dev.ipcm.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ipcm.internal.ChildJvm;
import dev.ipcm.internal.Json;
import java.io.IOException;
import java.lang.reflect.Modifier;
import java.util.function.Consumer;

/**
 * Starts a service's workers: a child JVM running a {@link WorkerTask} class (its name and the
 * parameters travel as JSON), or a thread running any task. Both are tracked by the service's
 * {@link ChildProcesses}, which ends them with the service.
 */
final class Workers {
    private final String serviceName;
    private final String ipcmInfo;
    private final Consumer<String> debug;
    private final ChildProcesses children;

    Workers(String serviceName, String ipcmInfo, Consumer<String> debug, ChildProcesses children) {
        this.serviceName = serviceName;
        this.ipcmInfo = ipcmInfo;
        this.debug = debug;
        this.children = children;
    }

    /** Starts a worker JVM; returns its pid. */
    long startProcess(String name, Class<? extends WorkerTask> task, JsonNode params) {
        Process p = launch(name, task, params);
        children.track(p);
        children.registerWorker(name, p.pid());
        return p.pid();
    }

    /** Starts a worker thread (a daemon); a non-zero result or a failure is written to the service's debug stream. */
    Thread startThread(String name, WorkerTask task, JsonNode params) {
        if (name == null || name.isEmpty() || task == null) {
            throw new ServiceConfigException("A worker needs a name and a task, got: '" + name + "', " + task);
        }
        WorkerContext ctx = new WorkerContext(name, params == null ? NullNode.getInstance() : params, serviceName,
                ipcmInfo);
        Thread t = new Thread(() -> {
            try {
                int code = task.run(ctx);
                if (code != 0) {
                    debug.accept("Worker '" + name + "' of '" + serviceName + "' ended with " + code);
                }
            } catch (InterruptedException e) {
                // Interrupted by the service's shutdown: that is how a thread worker is terminated.
            } catch (Exception | AssertionError e) {
                debug.accept("Worker '" + name + "' of '" + serviceName + "' failed: " + e);
            }
        }, "ipcm-worker-" + name);
        t.setDaemon(true);
        children.threads().track(name, t);
        t.start();
        return t;
    }

    /** Starts a worker JVM for a task object the child can make again (docs/services.md, "Lambdas in a child JVM"). */
    long startProcess(String name, WorkerTask task, JsonNode params) {
        requireName(name);
        ObjectNode spec = Json.mapper().createObjectNode();
        ObjectTransfer.describe("Worker '" + name + "'", task, spec, "task", "WorkerTask");
        Process p = start(name, spec, params);
        children.track(p);
        children.registerWorker(name, p.pid());
        return p.pid();
    }

    private static void requireName(String name) {
        if (name == null || name.isEmpty()) {
            throw new ServiceConfigException("A worker needs a name, got: '" + name + "'");
        }
    }

    private Process launch(String name, Class<? extends WorkerTask> task, JsonNode params) {
        requireName(name);
        if (task == null || !Modifier.isPublic(task.getModifiers())) {
            throw new ServiceConfigException("Worker task " + task + " must be a public class with a public no-argument "
                    + "constructor, so a child JVM can create it");
        }
        try {
            task.getConstructor();
        } catch (NoSuchMethodException e) {
            throw new ServiceConfigException("Worker task " + task.getName() + " has no public no-argument constructor", e);
        }
        ObjectNode spec = Json.mapper().createObjectNode();
        spec.put("task", task.getName());
        return start(name, spec, params);
    }

    private Process start(String name, ObjectNode spec, JsonNode params) {
        spec.put("name", name);
        spec.set("params", params == null ? NullNode.getInstance() : params);
        spec.put("service", serviceName);
        spec.put("ipcm_info", ipcmInfo);
        try {
            // Class data is shared, but the compiler is left alone: a worker is where heavy work goes.
            Process p = ChildJvm.of(WorkerMain.class).jvmOption("-Dipcm.worker=" + name)
                    .args(Json.encodeToString(spec)).shareClassData().start();
            ChildOutput.pump(p, name);
            return p;
        } catch (IOException e) {
            throw new ServiceStartException("Could not start worker '" + name + "': " + e.getMessage(), e);
        }
    }
}
