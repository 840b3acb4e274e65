package dev.ipcm.conformance;

import dev.ipcm.os.Os;
import dev.ipcm.service.AbstractService;
import dev.ipcm.service.LaunchContext;
import dev.ipcm.service.Service;
import dev.ipcm.service.ServiceContext;
import dev.ipcm.service.ServiceFactory;
import dev.ipcm.service.ServiceOptions;
import dev.ipcm.service.ServiceParams;
import dev.ipcm.service.WorkerContext;
import dev.ipcm.service.WorkerTask;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apiguardian.api.API;

/**
 * The services {@link ServiceProcessScenarios} runs in child JVMs. A child JVM finds a service by
 * class name, so each is a public class here; what a service observes in its own process comes
 * back in its answers or, before it can answer (launch hooks, workers), in files of the
 * scenario's temporary directory, written whole so a reader never sees half a file.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class ServiceFixtures {
    private ServiceFixtures() {}

    /**
     * One service that serves several scenarios, so they share one JVM start. It answers
     * {@code pid} with its pid, {@code crash} with a failure, {@code fork_child} by starting a
     * child that exits 5 (answering its pid), {@code reaped:PID} with the wait status it saw for
     * that child (or -1), {@code signals} with the signals it received, and anything else with
     * {@code echo: } and the request.
     */
    public static final class Probe implements ServiceFactory {
        /** Created by the service runner. */
        public Probe() {}

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

    /** Relaunches itself in its post-launch hook (parameter {@code hook}: {@code interpose} or {@code daemonize}), writing the first process's pid to {@code first.pid} and its own to {@code service.pid}; answers {@code pfh_<pid>}. */
    public static final class Relaunching implements ServiceFactory {
        /** Created by the service runner. */
        public Relaunching() {}

        @Override
        public AbstractService create(ServiceParams p) {
            Path dir = p.path("dir").orElseThrow();
            boolean interpose = p.text("hook").orElse("").equals("interpose");
            return Service.builder(p)
                    .postLaunch((s, ctx) -> {
                        LaunchContext.Step writePid = () -> write(dir.resolve("first.pid"), String.valueOf(ctx.pid()));
                        if (interpose) {
                            ctx.interpose(writePid);
                        } else {
                            ctx.daemonize(writePid);
                        }
                    })
                    .onStart(s -> write(dir.resolve("service.pid"), String.valueOf(Os.get().pid())))
                    .handleRequest((s, r) -> "pfh_" + Os.get().pid()).build();
        }
    }

    /** Starts {@code inner_svc} (a {@link Prefix} answering {@code inner: }) and forwards every request to it; answers {@code inner_pid} with the child pid of the inner service. */
    public static final class Outer implements ServiceFactory {
        /** Created by the service runner. */
        public Outer() {}

        @Override
        public AbstractService create(ServiceParams p) {
            long[] innerPid = {0};
            return Service.builder(p)
                    .onStart(s -> innerPid[0] = s.startService(ServiceOptions.named("inner_svc").factory(Prefix.class)
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

    /** Answers the parameter {@code prefix} followed by the request; ends when its watched pids die. */
    public static final class Prefix implements ServiceFactory {
        /** Created by the service runner. */
        public Prefix() {}

        @Override
        public AbstractService create(ServiceParams p) {
            String prefix = p.text("prefix").orElse("");
            return Service.builder(p).handleRequest((s, r) -> prefix + r.text()).build();
        }
    }

    /** Never answers: the service a scenario kills while a request waits. */
    public static final class Silent implements ServiceFactory {
        /** Created by the service runner. */
        public Silent() {}

        @Override
        public AbstractService create(ServiceParams p) {
            return Service.builder(p).handleRequest((s, r) -> AbstractService.NO_RESPONSE).build();
        }
    }

    /** Fails in its start callback, without interception, so its process exits 255 before it registers. */
    public static final class BrokenStart implements ServiceFactory {
        /** Created by the service runner. */
        public BrokenStart() {}

        @Override
        public AbstractService create(ServiceParams p) {
            return Service.builder(p).onStart(s -> {
                throw new IllegalStateException("cannot start");
            }).handleRequest((s, r) -> "never").build();
        }
    }

    /** Starts a short and a long worker (in parameter {@code dir}); answers with its worker count. */
    public static final class WithWorkers implements ServiceFactory {
        /** Created by the service runner. */
        public WithWorkers() {}

        @Override
        public AbstractService create(ServiceParams p) {
            String dir = p.text("dir").orElseThrow();
            return Service.builder(p)
                    .onStart(s -> {
                        s.startWorker("short_worker", ShortWorker.class, dev.ipcm.internal.Json.toTree(dir));
                        s.startWorker("long_worker", LongWorker.class, dev.ipcm.internal.Json.toTree(dir));
                    })
                    .handleRequest((s, r) -> s.workers().size()).build();
        }
    }

    /** Writes its pid to {@code short.pid} and returns 0. */
    public static final class ShortWorker implements WorkerTask {
        /** Created by the worker runner. */
        public ShortWorker() {}

        @Override
        public int run(WorkerContext ctx) {
            write(Path.of(ctx.params().asText(), "short.pid"), String.valueOf(Os.get().pid()));
            return 0;
        }
    }

    /** Writes its pid to {@code long.pid}, and {@code killed.txt} when terminated (a shutdown hook is Java's TERM handler). */
    public static final class LongWorker implements WorkerTask {
        /** Created by the worker runner. */
        public LongWorker() {}

        @Override
        public int run(WorkerContext ctx) throws InterruptedException {
            Path d = Path.of(ctx.params().asText());
            Runtime.getRuntime().addShutdownHook(new Thread(() -> write(d.resolve("killed.txt"), "killed")));
            write(d.resolve("long.pid"), String.valueOf(Os.get().pid()));
            TimeUnit.SECONDS.sleep(120); // bounded, so a lost worker cannot linger for ever
            return 0;
        }
    }

    /** Writes a file whole: temporary file, then rename. */
    static void write(Path p, String text) {
        try {
            Path tmp = p.resolveSibling(p.getFileName() + ".tmp" + ProcessHandle.current().pid());
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, p, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
