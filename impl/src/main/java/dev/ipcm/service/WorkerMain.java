package dev.ipcm.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ipcm.internal.Json;
import org.apiguardian.api.API;

/**
 * The entry point of a worker JVM: builds the named {@link WorkerTask}, runs it, and exits with
 * its result (255 if it throws). Not for direct use.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class WorkerMain {
    private WorkerMain() {}

    /** {@code WorkerMain SPEC-JSON}. */
    public static void main(String[] args) {
        int code;
        try {
            JsonNode spec = Json.decode(args[0]);
            String name = spec.get("name").asText();
            WorkerTask task = spec.has(ObjectTransfer.KEY)
                    ? ObjectTransfer.restore("Worker '" + name + "'", spec.get(ObjectTransfer.KEY).asText(), WorkerTask.class)
                    : (WorkerTask) Class.forName(spec.get("task").asText()).getConstructor().newInstance();
            code = task.run(new WorkerContext(spec.get("name").asText(), spec.get("params"),
                    spec.path("service").asText(), spec.path("ipcm_info").asText()));
        } catch (Throwable t) {
            t.printStackTrace();
            code = 255;
        }
        System.exit(code);
    }
}
