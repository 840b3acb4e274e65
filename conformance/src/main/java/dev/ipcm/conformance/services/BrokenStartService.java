package dev.ipcm.conformance.services;

import dev.ipcm.service.AbstractService;
import dev.ipcm.service.Service;
import dev.ipcm.service.ServiceFactory;
import dev.ipcm.service.ServiceParams;
import org.apiguardian.api.API;

/** Fails in its start callback, without interception, so its process exits 255 before it registers. */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class BrokenStartService implements ServiceFactory {
    /** Created by the service runner. */
    public BrokenStartService() {}

    @Override
    public AbstractService create(ServiceParams p) {
        return Service.builder(p).onStart(s -> {
            throw new IllegalStateException("cannot start");
        }).handleRequest((s, r) -> "never").build();
    }
}
