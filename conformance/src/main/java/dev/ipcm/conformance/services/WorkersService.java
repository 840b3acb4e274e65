package dev.ipcm.conformance.services;

import dev.ipcm.internal.Json;
import dev.ipcm.service.AbstractService;
import dev.ipcm.service.Service;
import dev.ipcm.service.ServiceFactory;
import dev.ipcm.service.ServiceParams;
import org.apiguardian.api.API;

/** Starts a short and a long worker (in parameter {@code dir}); answers with its worker count. */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class WorkersService implements ServiceFactory {
    /** Created by the service runner. */
    public WorkersService() {}

    @Override
    public AbstractService create(ServiceParams p) {
        String dir = p.text("dir").orElseThrow();
        return Service.builder(p)
                .onStart(s -> {
                    s.startWorker("short_worker", ShortWorker.class, Json.toTree(dir));
                    s.startWorker("long_worker", LongWorker.class, Json.toTree(dir));
                })
                .handleRequest((s, r) -> s.workers().size()).build();
    }
}
