package dev.ipcm.conformance.services;

import dev.ipcm.service.AbstractService;
import dev.ipcm.service.Service;
import dev.ipcm.service.ServiceFactory;
import dev.ipcm.service.ServiceParams;
import org.apiguardian.api.API;

/** Never answers: the service a scenario kills while a request waits. */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class SilentService implements ServiceFactory {
    /** Created by the service runner. */
    public SilentService() {}

    @Override
    public AbstractService create(ServiceParams p) {
        return Service.builder(p).handleRequest((s, r) -> AbstractService.NO_RESPONSE).build();
    }
}
