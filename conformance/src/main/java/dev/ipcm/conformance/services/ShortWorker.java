package dev.ipcm.conformance.services;

import dev.ipcm.os.Os;
import dev.ipcm.service.WorkerContext;
import dev.ipcm.service.WorkerTask;
import java.nio.file.Path;
import org.apiguardian.api.API;

/** Writes its pid to {@code short.pid} and returns 0. */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class ShortWorker implements WorkerTask {
    /** Created by the worker runner. */
    public ShortWorker() {}

    @Override
    public int run(WorkerContext ctx) {
        Markers.write(Path.of(ctx.params().asText(), "short.pid"), String.valueOf(Os.get().pid()));
        return 0;
    }
}
