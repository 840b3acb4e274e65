package dev.ipcm.conformance.services;

import dev.ipcm.service.AbstractService;
import dev.ipcm.service.Service;
import dev.ipcm.service.ServiceContext;
import dev.ipcm.service.ServiceFactory;
import dev.ipcm.service.ServiceOptions;
import dev.ipcm.service.ServiceParams;
import java.time.Duration;
import org.apiguardian.api.API;

/** Starts {@code inner_svc} (a {@link PrefixService} answering {@code inner: }) and forwards every request to it; answers {@code inner_pid} with the child pid of the inner service. */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class OuterService implements ServiceFactory {
    /** Created by the service runner. */
    public OuterService() {}

    @Override
    public AbstractService create(ServiceParams p) {
        long[] innerPid = {0};
        return Service.builder(p)
                .onStart(s -> innerPid[0] = s.startService(ServiceOptions.named("inner_svc").factory(PrefixService.class)
                        .param("prefix", "inner: ").timeout(Duration.ofSeconds(60))).childPid().orElse(0))
                .handleRequest((s, r) -> {
                    if (r.text().equals("inner_pid")) {
                        return innerPid[0];
                    }
                    s.peer("inner_svc").sendRequest(r.value(),
                            inner -> s.sendResponse(r.from(), r.id(), "outer: " + inner.text()));
                    return AbstractService.NO_RESPONSE;
                })
                .handleResponse(ServiceContext::dispatchResponse).build();
    }
}
