package dev.ipcm.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ipcm.internal.ChildJvm;
import dev.ipcm.internal.Json;
import java.io.IOException;
import java.lang.reflect.Modifier;

/** Starts worker JVMs: the task's class name and its parameters travel as JSON. */
final class Workers {
    private Workers() {}

    static Process launch(String name, Class<? extends WorkerTask> task, JsonNode params, AbstractService service) {
        if (name == null || name.isEmpty()) {
            throw new ServiceConfigException("A worker needs a name, got: '" + name + "'");
        }
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
        spec.put("name", name);
        spec.set("params", params == null ? NullNode.getInstance() : params);
        spec.put("service", service.name());
        spec.put("ipcm_info", service.ipcmInfo());
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
