package dev.ipcm.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ipcm.Message;
import dev.ipcm.PeerGoneException;
import dev.ipcm.internal.ChildJvm;
import dev.ipcm.os.Os;
import dev.ipcm.spi.Protocols;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * IPC::Manager's service scenarios that need separate processes: pids, post-launch hooks, nested
 * services, reaped children, signals, watched pids, workers, and a service killed mid-request.
 * They run on every available protocol that crosses processes, with real child JVMs.
 */
public class ProcessScenariosTest {
    static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    static java.util.stream.Stream<Bus> buses() {
        return Bus.crossProcess();
    }

    static long pidIn(Path file) {
        return Long.parseLong(Await.file(file, WAIT).trim());
    }

    // ---- child_pid --------------------------------------------------------------------------

    /** Answers {@code ok}; optionally writes its pid at start and relaunches itself in its hook. */
    public static class OkFactory implements ServiceFactory {
        @Override
        public AbstractService create(ServiceParams p) {
            Service.Builder b = Service.builder(p).handleRequest((s, r) -> r.text().equals("pid?") ? Os.get().pid() : "ok");
            p.path("start_marker").ifPresent(m -> b.onStart(s -> Await.write(m, String.valueOf(Os.get().pid()))));
            p.path("first_marker").ifPresent(m -> b.postLaunch((s, ctx) -> {
                LaunchContext.Step writePid = () -> Await.write(m, String.valueOf(ctx.pid()));
                if (p.text("hook").orElse("").equals("interpose")) {
                    ctx.interpose(writePid);
                } else {
                    ctx.daemonize(writePid);
                }
            }));
            return b.build();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("buses")
    void childPid(Bus bus) {
        try (ServiceHandle h = Services.start(bus.service("child_pid_svc", OkFactory.class))) {
            long child = h.childPid().orElseThrow();
            assertThat(child).isPositive().isNotEqualTo(Os.get().pid());
            assertThat(Os.get().isRunning(child)).isTrue();
            assertThat(h.servicePid()).hasValue(child);
            assertThat(h.process().orElseThrow().pid()).isEqualTo(child);
        }
    }

    // ---- child_pid_interpose, post_fork_hook --------------------------------------------

    @ParameterizedTest(name = "{0}")
    @MethodSource("buses")
    void childPidInterpose(Bus bus) {
        Path wrapper = dir.resolve("wrapper.pid");
        Path service = dir.resolve("service.pid");
        ServiceOptions o = bus.service("cp_interpose_svc", OkFactory.class).param("hook", "interpose")
                .param("first_marker", wrapper.toString()).param("start_marker", service.toString());
        try (ServiceHandle h = Services.start(o)) {
            long wrapperPid = pidIn(wrapper);
            assertThat(h.syncRequest("cp_interpose_svc", "ping", WAIT).text()).isEqualTo("ok");
            long servicePid = pidIn(service);
            assertThat(h.childPid()).hasValue(wrapperPid);
            assertThat(h.servicePid()).hasValue(servicePid);
            assertThat(wrapperPid).isNotEqualTo(servicePid);
            assertThat(Os.get().isRunning(wrapperPid)).isTrue();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("buses")
    void postForkHookDaemonizes(Bus bus) throws Exception {
        Path middle = dir.resolve("middle.pid");
        Path service = dir.resolve("service.pid");
        ServiceOptions o = bus.service("pfh_svc", PfhFactory.class)
                .param("first_marker", middle.toString()).param("start_marker", service.toString());
        try (ServiceHandle h = Services.start(o)) {
            long middlePid = pidIn(middle);
            String answer = h.syncRequest("pfh_svc", "ping", WAIT).text();
            assertThat(answer).isNotEmpty();
            long servicePid = pidIn(service);
            assertThat(servicePid).isNotEqualTo(middlePid);
            assertThat(h.servicePid()).hasValue(servicePid);
            assertThat(answer).matches("pfh_\\d+").isEqualTo("pfh_" + servicePid);
            Process first = h.process().orElseThrow();
            assertThat(first.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
            assertThat(first.exitValue()).isZero();
            assertThat(h.childPid()).hasValue(middlePid);
            assertThat(Os.get().isRunning(middlePid)).isFalse();
        }
    }

    /** Daemonizes in its hook and answers {@code pfh_<own pid>}. */
    public static class PfhFactory implements ServiceFactory {
        @Override
        public AbstractService create(ServiceParams p) {
            Path first = p.path("first_marker").orElseThrow();
            Path start = p.path("start_marker").orElseThrow();
            return Service.builder(p)
                    .postLaunch((s, ctx) -> ctx.daemonize(() -> Await.write(first, String.valueOf(ctx.pid()))))
                    .onStart(s -> Await.write(start, String.valueOf(Os.get().pid())))
                    .handleRequest((s, r) -> "pfh_" + Os.get().pid()).build();
        }
    }

    // ---- child_pid_nested, nested_services ------------------------------------------------

    /** Starts {@code cp_inner} and answers with the child pid its peer carries. */
    public static class CpOuterFactory implements ServiceFactory {
        @Override
        public AbstractService create(ServiceParams p) {
            long[] innerPid = {0};
            return Service.builder(p)
                    .onStart(s -> innerPid[0] = s.startService(ServiceOptions.named("cp_inner")
                            .factory(PrefixFactory.class).param("prefix", "inner_ok").timeout(Duration.ofSeconds(60)))
                            .childPid().orElse(0))
                    .handleRequest((s, r) -> innerPid[0]).build();
        }
    }

    /** Answers {@code <prefix>} (used as a nested service). */
    public static class PrefixFactory implements ServiceFactory {
        @Override
        public AbstractService create(ServiceParams p) {
            String prefix = p.text("prefix").orElse("");
            return Service.builder(p).handleRequest((s, r) -> prefix).build();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("buses")
    void childPidNested(Bus bus) {
        try (ServiceHandle h = Services.start(bus.service("cp_outer", CpOuterFactory.class))) {
            long inner = h.syncRequest("cp_outer", "cpid?", WAIT).value().asLong();
            assertThat(inner).isPositive().isNotEqualTo(h.servicePid().orElseThrow());
        }
    }

    /** Starts {@code inner_svc} without waiting, then forwards every request to it. */
    public static class OuterFactory implements ServiceFactory {
        @Override
        public AbstractService create(ServiceParams p) {
            return Service.builder(p)
                    .onStart(s -> {
                        s.launchService(ServiceOptions.named("inner_svc").factory(InnerFactory.class));
                        if (!s.peer("inner_svc").ready(Duration.ofSeconds(60))) {
                            throw new IllegalStateException("inner_svc did not come up");
                        }
                    })
                    .handleRequest((s, r) -> {
                        s.peer("inner_svc").sendRequest(r.value(),
                                inner -> s.sendResponse(r.from(), r.id(), "outer: " + inner.text()));
                        return AbstractService.NO_RESPONSE;
                    })
                    .handleResponse(ServiceContext::dispatchResponse).build();
        }
    }

    /** An on_all service answering every request with {@code inner: <request>} by hand. */
    public static class InnerFactory implements ServiceFactory {
        @Override
        public AbstractService create(ServiceParams p) {
            return Service.builder(p).onAll((s, a) -> {
                for (Message m : a.messages()) {
                    if (Wire.isRequest(m.content())) {
                        Request r = new Request((com.fasterxml.jackson.databind.node.ObjectNode) m.content(), m);
                        s.sendResponse(m.from(), r.id(), "inner: " + r.text());
                    }
                }
            }).build();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("buses")
    void nestedServices(Bus bus) {
        boolean[] ran = {false};
        try (ServiceHandle h = Services.start(bus.service("outer_svc", OuterFactory.class))) {
            assertThat(h.servicePid().orElseThrow()).isNotEqualTo(Os.get().pid());
            h.sendRequest("outer_svc", "hello", r -> {
                assertThat(r.text()).isEqualTo("outer: inner: hello");
                ran[0] = true;
            });
            h.awaitAllResponses(WAIT);
        }
        assertThat(ran[0]).isTrue();
    }

    // ---- a service that is just a program connecting itself ----------------------------------------

    @ParameterizedTest(name = "{0}")
    @MethodSource("buses")
    void anyProgramThatConnectsItselfCanBeTheService(Bus bus) {
        bus.require();
        ChildJvm echo = ChildJvm.of(EchoService.class);
        Bus.FAST_JVM.forEach(echo::jvmOption);
        ServiceOptions o = ServiceOptions.named("prog_echo").program(echo.command())
                .spawnOptions(bus.spawn()).timeout(Bus.READY);
        try (ServiceHandle h = Services.start(o)) {
            assertThat(h.childPid()).isEqualTo(h.servicePid());
            assertThat(h.request("from a program", WAIT).text()).isEqualTo("echo: from a program");
        }
    }

    // ---- service_on_pid --------------------------------------------------------------------

    /** Starts a child that exits 5 on request and logs every reaped child. */
    public static class OnPidFactory implements ServiceFactory {
        @Override
        public AbstractService create(ServiceParams p) {
            Path log = p.path("log").orElseThrow();
            return Service.builder(p)
                    .onPid((s, pid, status) -> Await.append(log, pid + " " + status))
                    .handleRequest((s, r) -> s.startChild(new ProcessBuilder("sh", "-c", "exit 5")).pid()).build();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("buses")
    void serviceOnPid(Bus bus) {
        Path log = dir.resolve("pids.log");
        try (ServiceHandle h = Services.start(bus.service("pid_svc", OnPidFactory.class).param("log", log.toString()))) {
            long child = h.syncRequest("pid_svc", "fork_child", WAIT).value().asLong();
            assertThat(child).isPositive();
            Await.until("an onPid line for " + child, WAIT,
                    () -> Files.exists(log) && Await.read(log).lines().anyMatch(l -> l.startsWith(child + " ")));
            String line = Await.read(log).lines().filter(l -> l.startsWith(child + " ")).findFirst().orElseThrow();
            int status = Integer.parseInt(line.split(" ")[1]);
            assertThat(status >> 8).isEqualTo(5);
            assertThat(WaitStatus.signal(status)).isZero();
        }
    }

    // ---- signals, store shutdown with a signal ---------------------------------------------

    /** Writes a marker on USR1. */
    public static class UsrFactory implements ServiceFactory {
        @Override
        public AbstractService create(ServiceParams p) {
            Path marker = p.path("marker").orElseThrow();
            return Service.builder(p).onSig("USR1", (s, sig) -> Await.write(marker, sig))
                    .handleRequest((s, r) -> "ok").build();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("buses")
    void serviceSignalHandling(Bus bus) {
        Path marker = dir.resolve("usr1.txt");
        try (ServiceHandle h = Services.start(bus.service("sig_svc", UsrFactory.class).param("marker", marker.toString()))) {
            long pid = h.servicePid().orElseThrow();
            assertThat(pid).isPositive();
            assertThat(Os.get().kill(pid, "USR1")).isTrue();
            assertThat(Await.file(marker, WAIT)).isEqualTo("USR1");
            assertThat(h.syncRequest("sig_svc", "ping", WAIT).text()).isEqualTo("ok");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("buses")
    void spawnTerminateWithSignal(Bus bus) {
        Path marker = dir.resolve("usr1.txt");
        try (ServiceHandle h = Services.start(bus.service("sigterm_svc", UsrFactory.class).param("marker", marker.toString()))) {
            assertThat(h.syncRequest("sigterm_svc", "ping", WAIT).text()).isEqualTo("ok");
            h.store().orElseThrow().signal("USR1");
        }
        assertThat(Await.file(marker, WAIT)).isEqualTo("USR1");
    }

    // ---- watch_pids -------------------------------------------------------------------------

    /** Answers {@code ok}; writes a marker at clean-up. */
    public static class CleanupFactory implements ServiceFactory {
        @Override
        public AbstractService create(ServiceParams p) {
            Path marker = p.path("marker").orElseThrow();
            return Service.builder(p).onCleanup(s -> Await.write(marker, "cleanup")).handleRequest((s, r) -> "ok").build();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("buses")
    void watchPids(Bus bus) throws Exception {
        bus.require();
        Path ready = dir.resolve("ready.txt");
        Path cleanup = dir.resolve("cleanup.txt");
        ChildJvm middle = ChildJvm.of(WatchPidsMiddle.class).args(bus.protocol, ready.toString(), cleanup.toString());
        Bus.FAST_JVM.forEach(middle::jvmOption);
        Process p = middle.start();
        p.getInputStream().transferTo(System.out);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String[] report = Await.file(ready, WAIT).split("\n");
        assertThat(report[0]).isEqualTo("ok");
        // The middle process halted without closing its handle: only watch_pids can end the service.
        assertThat(Await.file(cleanup, WAIT)).isEqualTo("cleanup");
        String route = dev.ipcm.ConnectionInfo.parse(report[1]).route();
        Await.until("the service to leave the store", WAIT, () -> !Os.get().isRunning(Long.parseLong(report[2])));
        Protocols.byName(bus.protocol).unspawn(route, null);
    }

    // ---- workers ----------------------------------------------------------------------------

    /** Starts a short and a long worker at start; answers {@code worker_count}. */
    public static class WorkersFactory implements ServiceFactory {
        @Override
        public AbstractService create(ServiceParams p) {
            String dir = p.text("dir").orElseThrow();
            return Service.builder(p)
                    .onStart(s -> {
                        s.startWorker("short_worker", ShortWorker.class, dev.ipcm.internal.Json.toTree(dir));
                        Services.worker("long_worker", LongWorker.class, dir);
                    })
                    .handleRequest((s, r) -> s.workers().size()).build();
        }
    }

    /** Writes its pid and returns 0. */
    public static class ShortWorker implements WorkerTask {
        @Override
        public int run(WorkerContext ctx) {
            Await.write(Path.of(ctx.params().asText(), "short.pid"), String.valueOf(Os.get().pid()));
            return 0;
        }
    }

    /** Writes a marker when terminated (a shutdown hook is Java's TERM handler), otherwise waits. */
    public static class LongWorker implements WorkerTask {
        @Override
        public int run(WorkerContext ctx) throws InterruptedException {
            Path d = Path.of(ctx.params().asText());
            Runtime.getRuntime().addShutdownHook(new Thread(() -> Await.write(d.resolve("killed.txt"), "killed")));
            Await.write(d.resolve("long.pid"), String.valueOf(Os.get().pid()));
            TimeUnit.SECONDS.sleep(120); // bounded, so a lost worker cannot linger for ever
            return 0;
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("buses")
    void workers(Bus bus) {
        try (ServiceHandle h = Services.start(bus.service("worker_svc", WorkersFactory.class).param("dir", dir.toString()))) {
            long shortPid = pidIn(dir.resolve("short.pid"));
            long longPid = pidIn(dir.resolve("long.pid"));
            assertThat(shortPid).isNotEqualTo(longPid);
            assertThat(Os.get().isRunning(longPid)).isTrue();
            assertThat(h.syncRequest("worker_svc", "worker_count", WAIT).value().asInt()).isGreaterThanOrEqualTo(1);
        }
        assertThat(Await.file(dir.resolve("killed.txt"), WAIT)).isEqualTo("killed");
    }

    // ---- a service killed while a request is pending ---------------------------------------------

    /** Never answers. */
    public static class SilentFactory implements ServiceFactory {
        @Override
        public AbstractService create(ServiceParams p) {
            return Service.builder(p).handleRequest((s, r) -> AbstractService.NO_RESPONSE).build();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("buses")
    void serviceKilledWhileARequestIsPendingIsReportedAsGone(Bus bus) throws Exception {
        try (ServiceHandle h = Services.start(bus.service("doomed_svc", SilentFactory.class))) {
            Duration patience = Duration.ofSeconds(120);
            CompletableFuture<Response> call = CompletableFuture.supplyAsync(
                    () -> h.syncRequest("doomed_svc", "hang", patience));
            Process p = h.process().orElseThrow();
            Await.until("the request to be pending", WAIT, h::havePendingResponses);
            p.destroyForcibly();
            assertThat(p.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
            assertThatThrownBy(() -> call.get(WAIT.toSeconds(), TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(PeerGoneException.class)
                    .hasMessageContaining("peer 'doomed_svc' went away while awaiting response");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("buses")
    void aServiceThatFailsAtStartIsReportedWithItsExitCode(Bus bus) {
        ServiceOptions o = bus.service("broken_svc", BrokenStartFactory.class);
        assertThatThrownBy(() -> Services.start(o)).isInstanceOf(ServiceStartException.class)
                .hasMessageContaining("broken_svc").hasMessageContaining("exited with code 255");
    }

    /** Fails in onStart without interception: the process exits 255 before it registers. */
    public static class BrokenStartFactory implements ServiceFactory {
        @Override
        public AbstractService create(ServiceParams p) {
            return Service.builder(p).onStart(s -> {
                throw new IllegalStateException("cannot start");
            }).handleRequest((s, r) -> "never").build();
        }
    }
}
