package dev.ipcm.conformance.services;

import dev.ipcm.os.Os;
import dev.ipcm.service.WorkerContext;
import dev.ipcm.service.WorkerTask;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.apiguardian.api.API;

/** Writes its pid to {@code long.pid}, and {@code killed.txt} when terminated (a shutdown hook is Java's TERM handler). */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class LongWorker implements WorkerTask {
    /** Created by the worker runner. */
    public LongWorker() {}

    @Override
    public int run(WorkerContext ctx) throws InterruptedException {
        Path d = Path.of(ctx.params().asText());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> Markers.write(d.resolve("killed.txt"), "killed")));
        Markers.write(d.resolve("long.pid"), String.valueOf(Os.get().pid()));
        TimeUnit.SECONDS.sleep(120); // bounded, so a lost worker cannot linger for ever
        return 0;
    }
}
