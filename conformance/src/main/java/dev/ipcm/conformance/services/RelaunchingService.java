package dev.ipcm.conformance.services;

import dev.ipcm.os.Os;
import dev.ipcm.service.AbstractService;
import dev.ipcm.service.LaunchContext;
import dev.ipcm.service.Service;
import dev.ipcm.service.ServiceFactory;
import dev.ipcm.service.ServiceParams;
import java.nio.file.Path;
import org.apiguardian.api.API;

/** Relaunches itself in its post-launch hook (parameter {@code hook}: {@code interpose} or {@code daemonize}), writing the first process's pid to {@code first.pid} and its own to {@code service.pid}; answers {@code pfh_<pid>}. */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class RelaunchingService implements ServiceFactory {
    /** Created by the service runner. */
    public RelaunchingService() {}

    @Override
    public AbstractService create(ServiceParams p) {
        Path dir = p.path("dir").orElseThrow();
        boolean interpose = p.text("hook").orElse("").equals("interpose");
        return Service.builder(p)
                .postLaunch((s, ctx) -> {
                    LaunchContext.Step writePid = () -> Markers.write(dir.resolve("first.pid"), String.valueOf(ctx.pid()));
                    if (interpose) {
                        ctx.interpose(writePid);
                    } else {
                        ctx.daemonize(writePid);
                    }
                })
                .onStart(s -> Markers.write(dir.resolve("service.pid"), String.valueOf(Os.get().pid())))
                .handleRequest((s, r) -> "pfh_" + Os.get().pid()).build();
    }
}
