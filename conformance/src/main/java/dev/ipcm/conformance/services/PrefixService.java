package dev.ipcm.conformance.services;

import dev.ipcm.service.AbstractService;
import dev.ipcm.service.Service;
import dev.ipcm.service.ServiceFactory;
import dev.ipcm.service.ServiceParams;
import org.apiguardian.api.API;

/** Answers the parameter {@code prefix} followed by the request; ends when its watched pids die. */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class PrefixService implements ServiceFactory {
    /** Created by the service runner. */
    public PrefixService() {}

    @Override
    public AbstractService create(ServiceParams p) {
        String prefix = p.text("prefix").orElse("");
        return Service.builder(p).handleRequest((s, r) -> prefix + r.text()).build();
    }
}
