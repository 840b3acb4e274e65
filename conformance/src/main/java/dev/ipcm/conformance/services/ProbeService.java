package dev.ipcm.conformance.services;

import dev.ipcm.os.Os;
import dev.ipcm.service.AbstractService;
import dev.ipcm.service.Service;
import dev.ipcm.service.ServiceContext;
import dev.ipcm.service.ServiceFactory;
import dev.ipcm.service.ServiceParams;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apiguardian.api.API;

/**
 * A service that reports on its own process, for the scenarios that observe one: it answers
 * {@code pid} with its pid, {@code crash} with a failure, {@code fork_child} by starting a
 * child that exits 5 (answering its pid), {@code reaped:PID} with the wait status it saw for
 * that child (or -1), {@code signals} with the signals it received, and anything else with
 * {@code echo: } and the request.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class ProbeService implements ServiceFactory {
    /** Created by the service runner. */
    public ProbeService() {}

    @Override
    public AbstractService create(ServiceParams p) {
        Map<Long, Integer> reaped = new ConcurrentHashMap<>();
        StringBuffer signals = new StringBuffer();
        return Service.builder(p)
                .onSig("USR1", (s, sig) -> signals.append(sig).append(' '))
                .onPid((s, pid, status) -> reaped.put(pid, status))
                .handleRequest((s, r) -> answer(s, r.text(), reaped, signals.toString().trim())).build();
    }

    private static Object answer(ServiceContext s, String request, Map<Long, Integer> reaped, String signals)
            throws IOException {
        if (request.startsWith("reaped:")) {
            return reaped.getOrDefault(Long.parseLong(request.substring(7)), -1);
        }
        return switch (request) {
            case "pid" -> Os.get().pid();
            case "crash" -> throw new IllegalStateException("probe failure on request");
            case "fork_child" -> s.startChild(new ProcessBuilder("sh", "-c", "exit 5")).pid();
            case "signals" -> signals;
            default -> "echo: " + request;
        };
    }
}
