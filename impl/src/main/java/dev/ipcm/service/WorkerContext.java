package dev.ipcm.service;

import com.fasterxml.jackson.databind.JsonNode;
import org.apiguardian.api.API;

/** What a {@link WorkerTask} is told: its name, its parameters, and the service that started it. */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class WorkerContext {
    private final String name;
    private final JsonNode params;
    private final String serviceName;
    private final String ipcmInfo;

    WorkerContext(String name, JsonNode params, String serviceName, String ipcmInfo) {
        this.name = name;
        this.params = params;
        this.serviceName = serviceName;
        this.ipcmInfo = ipcmInfo;
    }

    /** The worker's name. */
    public String name() {
        return name;
    }

    /** The parameters given at start (a JSON value; null node when none). */
    public JsonNode params() {
        return params;
    }

    /** The name of the service that started the worker. */
    public String serviceName() {
        return serviceName;
    }

    /** The info string of that service's store, for a worker that wants its own client. */
    public String ipcmInfo() {
        return ipcmInfo;
    }
}
