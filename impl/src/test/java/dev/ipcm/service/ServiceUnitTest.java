package dev.ipcm.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ipcm.Client;
import dev.ipcm.Ipcm;
import dev.ipcm.Message;
import dev.ipcm.NotSupportedException;
import dev.ipcm.SpawnOptions;
import dev.ipcm.Store;
import dev.ipcm.internal.Json;
import dev.ipcm.os.Os;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The service role and the callback-configured service, on a LocalMemory store. */
class ServiceUnitTest {
    static final Duration WAIT = Duration.ofSeconds(30);
    Store store;

    @BeforeEach
    void setUp() {
        store = Ipcm.spawn(SpawnOptions.defaults().protocol("LocalMemory").peerTimeout(WAIT));
    }

    @AfterEach
    void tearDown() {
        store.close();
    }

    Service.Builder builder(String name) {
        return Service.builder(name, store.info());
    }

    // ---- the role -----------------------------------------------------------------------------------

    @Test
    void terminationKeepsTheFirstNonZeroValue() {
        EchoService s = new EchoService("t", store.info());
        assertThat(s.context().isTerminated()).isFalse();
        assertThat(s.context().terminated()).isEmpty();
        assertThat(s.context().terminate(42)).isEqualTo(42);
        assertThat(s.context().terminate(99)).isEqualTo(42);
        assertThat(s.context().terminated()).contains(42);

        EchoService z = new EchoService("z", store.info());
        assertThat(z.context().terminate()).isZero();
        assertThat(z.context().isTerminated()).isTrue();
        assertThat(z.context().terminate(5)).isEqualTo(5);
        assertThat(z.context().terminate()).isEqualTo(5);
    }

    @Test
    void defaultsAndClearingState() {
        EchoService s = new EchoService("d", store.info());
        assertThat(s.settings().cycle()).isEqualTo(Duration.ofMillis(200));
        assertThat(s.settings().interval()).isEqualTo(Duration.ofMillis(200));
        assertThat(s.settings().usePosixExit()).isFalse();
        assertThat(s.settings().interceptErrors()).isFalse();
        assertThat(s.settings().exposeErrorDetails()).isFalse();
        assertThat(s.context().pid()).isEqualTo(Os.get().pid());
        s.context().registerWorker("w", 12345);
        assertThat(s.context().workers()).containsExactly(Map.entry(12345L, "w"));
        s.context().terminate(3);
        s.context().clearServiceFields();
        assertThat(s.context().isTerminated()).isFalse();
        assertThat(s.context().workers()).isEmpty();
    }

    @Test
    void missingParametersAreNamed() {
        ObjectNode noName = Json.mapper().createObjectNode().put("ipcm_info", store.info());
        assertThatThrownBy(() -> new EchoService(new ServiceParams(noName))).isInstanceOf(ServiceConfigException.class)
                .hasMessageContaining("'name' is a required parameter");
        assertThatThrownBy(() -> new EchoService(ServiceParams.of("x", "")))
                .isInstanceOf(ServiceConfigException.class).hasMessageContaining("'ipcm_info'");
        assertThatThrownBy(() -> new EchoService(ServiceParams.of("x", store.info()).with("cycle", "soon")))
                .isInstanceOf(ServiceConfigException.class).hasMessageContaining("'cycle'").hasMessageContaining("soon");
        assertThatThrownBy(() -> new EchoService(ServiceParams.of("x", store.info()).with("watch_pids", List.of(-4))))
                .isInstanceOf(ServiceConfigException.class).hasMessageContaining("watch_pids").hasMessageContaining("-4");
    }

    @Test
    void reapingReportsChildrenAndDropsWorkersSilently() throws Exception {
        EchoService s = new EchoService("r", store.info());
        assertThat(s.context().reapChildren()).isEmpty();
        Process seven = s.context().startChild(new ProcessBuilder("sh", "-c", "exit 7"));
        Process worker = new ProcessBuilder("sh", "-c", "exit 0").start();
        s.context().trackChild(worker);
        s.context().registerWorker("quiet", worker.pid());
        assertThat(seven.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(worker.waitFor(30, TimeUnit.SECONDS)).isTrue();
        Map<Long, Integer> reaped = s.context().reapChildren();
        assertThat(reaped).containsOnlyKeys(seven.pid());
        assertThat(reaped.get(seven.pid()) >> 8).isEqualTo(7);
        assertThat(s.context().workers()).isEmpty();
        assertThat(s.context().reapChildren()).isEmpty();
    }

    @Test
    void waitStatusEncoding() {
        assertThat(WaitStatus.fromExitValue(0)).isZero();
        assertThat(WaitStatus.fromExitValue(5)).isEqualTo(5 << 8);
        assertThat(WaitStatus.fromExitValue(255)).isEqualTo(255 << 8);
        assertThat(WaitStatus.fromExitValue(128 + 9)).isEqualTo(9);
        assertThat(WaitStatus.signal(WaitStatus.fromExitValue(143))).isEqualTo(15);
        assertThat(WaitStatus.exitCode(WaitStatus.fromExitValue(42))).isEqualTo(42);
    }

    @Test
    void attemptPassesErrorsThroughUnlessIntercepted() {
        EchoService plain = new EchoService("a", store.info());
        Guard.Outcome ok = new Guard(plain.context()).call(() -> "out");
        assertThat(ok.ok()).isTrue();
        assertThat(ok.err()).isEmpty();
        assertThat(ok.out()).isEqualTo("out");
        assertThatThrownBy(() -> new Guard(plain.context()).call(() -> {
            throw new IllegalStateException("boom");
        })).isInstanceOf(IllegalStateException.class).hasMessage("boom");
        assertThatThrownBy(() -> new Guard(plain.context()).call(() -> {
            throw new java.io.IOException("checked");
        })).isInstanceOf(ServiceFailedException.class).hasMessageContaining("checked");

        ByteArrayOutputStream err = new ByteArrayOutputStream();
        EchoService guarded = new EchoService(ServiceParams.of("g", store.info()).with("intercept_errors", 1));
        guarded.context().setDebugStream(new PrintStream(err, true, StandardCharsets.UTF_8));
        Guard.Outcome failed = new Guard(guarded.context()).call(() -> {
            throw new IllegalStateException("boom");
        });
        assertThat(failed.ok()).isFalse();
        assertThat(failed.err()).contains("boom");
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Peer 'g' caught exception: ").contains("boom");
    }

    @Test
    void debugWritesToTheOriginalStandardError() {
        EchoService s = new EchoService("dbg", store.info());
        s.context().debug("to the real stderr");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        s.context().setDebugStream(new PrintStream(err, true, StandardCharsets.UTF_8));
        s.context().debug("hello");
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("hello" + System.lineSeparator());
    }

    @Test
    void aServiceRunsOnlyInItsOwnProcess() {
        EchoService s = new EchoService("pidcheck", store.info());
        s.context().setPid(1);
        assertThatThrownBy(s.context()::checkPid).isInstanceOf(ServiceFailedException.class).hasMessageContaining("Incorrect PID");
        assertThatThrownBy(s::run).isInstanceOf(ServiceFailedException.class).hasMessageContaining("Incorrect PID");
        assertThatThrownBy(() -> s.context().peer("other")).isInstanceOf(ServiceConfigException.class)
                .hasMessageContaining("only be called on the service in the service process");
    }

    @Test
    void peerDeltaSeesANewClient() {
        EchoService s = new EchoService("pd", store.info());
        assertThat(s.context().peerDelta(false)).isEmpty();
        try (Client extra = store.connect("extra")) {
            assertThat(s.context().peerDelta(true)).containsExactly(Map.entry("extra", 1));
            assertThat(s.context().peerDelta(false)).containsExactly(Map.entry("extra", 1));
            assertThat(s.context().peerDelta(false)).isEmpty();
        }
        assertThat(s.context().peerDelta(false)).containsExactly(Map.entry("extra", -1));
        s.context().client().disconnect();
    }

    @Test
    void requestsAreAnsweredInTheReferenceShape() throws Exception {
        EchoService s = new EchoService("echo", store.info());
        s.context().client();
        try (Client requester = store.connect("requester")) {
            Message m = requester.send("echo", Map.of("ipcm_request_id", "test-req-1", "request", "ping"));
            s.context().client().receive();
            new MessageDispatch(s, s.context()).dispatch(m);
            s.context().sendResponse("requester", "test-req-2", null);
            List<Message> got = new ArrayList<>();
            Await.until("both responses", WAIT, () -> {
                got.addAll(requester.receive());
                return got.size() >= 2;
            });
            assertThat(got.get(0).content().toString()).isEqualTo("{\"ipcm_response_id\":\"test-req-1\",\"response\":\"echo: ping\"}");
            assertThat(got.get(1).content().toString()).isEqualTo("{\"ipcm_response_id\":\"test-req-2\",\"response\":null}");
        }
        ServiceHandle h = s.context().handle("caller");
        assertThat(h.serviceName()).isEqualTo("echo");
        assertThat(h.name()).isEqualTo("caller");
        assertThatThrownBy(() -> s.context().handle("")).isInstanceOf(ServiceConfigException.class).hasMessageContaining("'name'");
        s.context().client().disconnect();
    }

    @Test
    void echoRefusesStrayResponsesAndUnhandledActivity() {
        EchoService s = new EchoService("strict", store.info());
        Message stray = Message.builder("x").to("strict").content(Wire.response("nobody-asked", 1, null)).build();
        assertThatThrownBy(() -> new MessageDispatch(s, s.context()).dispatch(stray)).isInstanceOf(UnexpectedResponseException.class)
                .hasMessageContaining("unexpected response for 'nobody-asked'");
        Activity a = new Activity().put("custom", 1).put(Activity.TERMINATED, Map.of("value", 0));
        assertThatThrownBy(() -> s.runOnUnhandled(a)).isInstanceOf(ServiceFailedException.class)
                .hasMessage("Failed to handle activity: custom, terminated");
    }

    @Test
    void errorTextRules() {
        assertThat(MessageDispatch.errorText(new IllegalStateException("x\n"))).isEqualTo("x\n");
        assertThat(MessageDispatch.errorText(new IllegalStateException("0"))).startsWith("There was an error: ");
        assertThat(MessageDispatch.errorText(new NullPointerException())).isEqualTo("There was an error: java.lang.NullPointerException");
    }

    // ---- the loop in a thread -------------------------------------------------------------------

    @Test
    void theLoopDispatchesInOrderAndOnAllCanRedirectActivity() throws Exception {
        List<String> log = java.util.Collections.synchronizedList(new ArrayList<>());
        Service s = builder("loop").interval(Duration.ofMillis(50))
                .onAll((svc, a) -> {
                    if (a.has(Activity.MESSAGES)) {
                        log.add("all:" + a.keys());
                        a.put("custom", "x");
                    }
                })
                .onStart(svc -> log.add("start"))
                .onGeneralMessage((svc, m) -> log.add("general:" + m.content()))
                .onUnhandled((svc, a) -> log.add("unhandled:" + a.keys()))
                .onCleanup(svc -> log.add("cleanup"))
                .shouldEnd(svc -> log.contains("general:\"stop\""))
                .build();
        CompletableFuture<Integer> run = CompletableFuture.supplyAsync(s::run);
        try (Client c = store.connect("driver")) {
            Await.until("the service to register", WAIT, () -> c.peerActive("loop"));
            c.send("loop", "stop");
            assertThat(run.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isZero();
        }
        s.context().disconnect();
        assertThat(log.get(0)).isEqualTo("start");
        assertThat(log).contains("general:\"stop\"", "unhandled:[custom]").endsWith("cleanup");
        assertThat(log.indexOf("general:\"stop\"")).isLessThan(log.indexOf("unhandled:[custom]"));
    }

    /**
     * The loop lists peers only when a pass can see a change; a newcomer's arrival still reaches
     * onPeerDelta before its first message, although no quiet pass (the cycle) comes in between.
     */
    @Test
    void aNewcomersArrivalIsDispatchedBeforeItsFirstMessage() throws Exception {
        List<String> log = java.util.Collections.synchronizedList(new ArrayList<>());
        Service s = builder("greeter").cycle(Duration.ofSeconds(3)).interval(Duration.ofMinutes(5))
                .onPeerDelta((svc, d) -> d.forEach((peer, v) -> log.add("delta:" + peer + ":" + v)))
                .onGeneralMessage((svc, m) -> log.add("message:" + m.from()))
                .shouldEnd(svc -> log.contains("message:second"))
                .handleRequest((svc, r) -> "ok").build();
        CompletableFuture<Integer> run = CompletableFuture.supplyAsync(s::run);
        try (Client driver = store.connect("driver")) {
            Await.until("the service to register", WAIT, () -> driver.peerActive("greeter"));
            // Once the driver's message is dispatched, the loop has taken its first peer set.
            driver.send("greeter", "hello");
            Await.until("the driver's message", WAIT, () -> log.contains("message:driver"));
            try (Client first = store.connect("first")) {
                first.send("greeter", "hello");
                Await.until("the first message", WAIT, () -> log.contains("message:first"));
                try (Client second = store.connect("second")) {
                    second.send("greeter", "hello");
                    assertThat(run.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isZero();
                }
            }
        }
        s.context().disconnect();
        assertThat(log.indexOf("delta:first:1")).isNotNegative().isLessThan(log.indexOf("message:first"));
        assertThat(log.indexOf("delta:second:1")).isNotNegative().isLessThan(log.indexOf("message:second"));
    }

    /** A busy loop (messages on every pass, from known peers) still sees a departure within a cycle. */
    @Test
    void aDepartureIsSeenWhileKnownPeersKeepTheLoopBusy() throws Exception {
        List<String> log = java.util.Collections.synchronizedList(new ArrayList<>());
        Service s = builder("busy").cycle(Duration.ofMillis(100)).interval(Duration.ofMinutes(5))
                .onPeerDelta((svc, d) -> d.forEach((peer, v) -> log.add(peer + ":" + v)))
                .onGeneralMessage((svc, m) -> log.add("message:" + m.content().asText()))
                .handleRequest((svc, r) -> "ok").build();
        CompletableFuture<Integer> run = CompletableFuture.supplyAsync(s::run);
        try (Client chatter = store.connect("chatter")) {
            Await.until("the service to register", WAIT, () -> chatter.peerActive("busy"));
            // A peer that is already there when the loop takes its first listing is no delta, so
            // the leaver connects only once the loop is seen dispatching (past that listing).
            chatter.send("busy", "hello");
            Await.until("the loop to dispatch", WAIT, () -> log.contains("message:hello"));
            Client leaver = store.connect("leaver");
            Await.until("the leaver to be seen", WAIT, () -> log.contains("leaver:1"));
            java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
            Thread noise = new Thread(() -> {
                while (!stop.get()) {
                    chatter.send("busy", "noise");
                    java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
                }
            });
            noise.start();
            try {
                leaver.disconnect();
                Await.until("the departure to be seen", WAIT, () -> log.contains("leaver:-1"));
            } finally {
                stop.set(true);
                noise.join(WAIT.toMillis());
            }
            s.context().terminate();
            assertThat(run.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isZero();
        }
        s.context().disconnect();
    }

    @Test
    void aWatchedPidThatDiesEndsALoopThatMessagesKeepBusy() throws Exception {
        // The loop asks about watched pids once a cycle while every pass brings a message: still asked.
        Process watched = new ProcessBuilder("sleep", "600").start();
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        Thread noise = null;
        try (Client chatter = store.connect("chatter")) {
            Service s = builder("watcher").cycle(Duration.ofMillis(100)).interval(Duration.ofMinutes(5))
                    .watchPids(watched.pid()).handleRequest((svc, r) -> "ok").build();
            CompletableFuture<Integer> run = CompletableFuture.supplyAsync(s::run);
            Await.until("the service to register", WAIT, () -> chatter.peerActive("watcher"));
            noise = new Thread(() -> {
                try {
                    while (!stop.get()) {
                        chatter.trySend("watcher", "noise");
                        java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
                    }
                } catch (dev.ipcm.NoSuchPeerException gone) {
                    // the service disconnected: nothing left to keep busy
                }
            });
            noise.start();
            watched.destroyForcibly();
            assertThat(watched.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
            assertThat(run.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isZero();
            s.context().disconnect();
        } finally {
            stop.set(true);
            if (noise != null) {
                noise.join(WAIT.toMillis());
            }
            watched.destroyForcibly();
        }
    }

    @Test
    void terminateFromAnotherThreadEndsTheLoopWithItsValue() throws Exception {
        Service s = builder("stopper").handleRequest((svc, r) -> "ok").onUnhandled((svc, a) -> { }).build();
        CompletableFuture<Integer> run = CompletableFuture.supplyAsync(s::run);
        Await.until("the loop to run", WAIT, s.context()::isRunning);
        s.context().terminate(42);
        assertThat(run.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(42);
        s.context().disconnect();
    }

    @Test
    void aStrictServiceTerminatedFromAnotherThreadEndsCleanlyWithTheValue() throws Exception {
        EchoService echo = new EchoService("strict_stop", store.info());
        CompletableFuture<Integer> run = CompletableFuture.supplyAsync(echo::run);
        Await.until("the loop to run", WAIT, () -> echo.context().isRunning() && echo.context().clientIfConnected().isPresent());
        echo.context().terminate(7);
        assertThat(run.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(7);
        echo.context().disconnect();
    }

    @Test
    void signalsAreHandledOnTheLoopAndRefusedOnesAreNamed() throws Exception {
        List<String> seen = java.util.Collections.synchronizedList(new ArrayList<>());
        Service s = builder("sig").onSig("sigusr2", (svc, sig) -> seen.add(sig + "@" + Thread.currentThread().getName()))
                .handleRequest((svc, r) -> "ok").build();
        assertThat(s.signalsToGrab()).containsExactly("USR2");
        String[] loopThread = new String[1];
        CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> {
            loopThread[0] = Thread.currentThread().getName();
            return s.run();
        });
        Await.until("the loop to run", WAIT, s.context()::isRunning);
        Await.until("the handler to be installed", WAIT, () -> s.context().clientIfConnected().isPresent());
        assertThat(Os.get().kill(Os.get().pid(), "USR2")).isTrue();
        Await.until("USR2 to be handled", WAIT, () -> !seen.isEmpty());
        assertThat(seen.get(0)).isEqualTo("USR2@" + loopThread[0]);
        s.context().terminate();
        assertThat(run.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isZero();
        s.context().disconnect();

        Service quit = builder("quit").onSig("QUIT", (svc, sig) -> { }).handleRequest((svc, r) -> "ok").build();
        assertThatThrownBy(quit::run).isInstanceOf(NotSupportedException.class).hasMessageContaining("QUIT");
        assertThat(quit.context().clientIfConnected()).isEmpty();
    }

    @Test
    void threadWorkersAreInterruptedWhenTheServiceEnds() throws Exception {
        java.util.concurrent.atomic.AtomicBoolean interrupted = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
        Service s = builder("tw").onStart(svc -> svc.startWorkerThread("sleeper", ctx -> {
            started.countDown();
            try {
                TimeUnit.SECONDS.sleep(120);
            } catch (InterruptedException e) {
                interrupted.set(true);
                throw e;
            }
            return 0;
        }, null)).handleRequest((svc, r) -> svc.workerThreads().size()).build();
        CompletableFuture<Integer> run = CompletableFuture.supplyAsync(s::run);
        assertThat(started.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(s.context().workerThreads().values()).containsExactly("sleeper");
        assertThat(s.context().workers()).isEmpty();
        s.context().terminate();
        assertThat(run.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isZero();
        assertThat(interrupted).isTrue();
        assertThat(s.context().workerThreads()).isEmpty();
        assertThatThrownBy(() -> s.context().startWorkerThread("late", ctx -> 0, null)).isInstanceOf(ServiceConfigException.class)
                .hasMessageContaining("only be called from inside a running service");
        s.context().disconnect();
    }

    // ---- the callback-configured service ----------------------------------------------------------

    @Test
    void constructionRules() {
        assertThat(builder("all").onAll((s, a) -> { }).build()).isNotNull();
        assertThatThrownBy(() -> builder("none").build()).isInstanceOf(ServiceConfigException.class)
                .hasMessageContaining("Either 'on_all' or 'handle_request' callback is required");
        assertThatThrownBy(() -> builder("x").handleRequest(null)).isInstanceOf(ServiceConfigException.class)
                .hasMessageContaining("'handle_request' must be a function");
        assertThatThrownBy(() -> builder("x").handleResponse(null)).isInstanceOf(ServiceConfigException.class)
                .hasMessageContaining("'handle_response' must be a function");
        assertThatThrownBy(() -> builder("x").postLaunch(null)).isInstanceOf(ServiceConfigException.class)
                .hasMessageContaining("'post_fork' must be a function");
        assertThatThrownBy(() -> builder("x").onInterval(null)).isInstanceOf(ServiceConfigException.class)
                .hasMessageContaining("callbacks must be functions");
        assertThatThrownBy(() -> builder("x").onSig("NOPE", (s, g) -> { })).isInstanceOf(ServiceConfigException.class)
                .hasMessageContaining("Unknown signal 'NOPE'");
        assertThatThrownBy(() -> Service.builder("", store.info())).isInstanceOf(ServiceConfigException.class)
                .hasMessageContaining("'name'");
    }

    @Test
    void callbackListsAndDefaults() throws Exception {
        List<String> order = new ArrayList<>();
        Service.Action a = s -> order.add("a");
        Service.Action b = s -> order.add("b");
        Service s = builder("lists").handleRequest((svc, r) -> "ok").onInterval(a)
                .cycle(Duration.ofMillis(70)).interval(Duration.ofMillis(30)).build();
        assertThat(s.settings().cycle()).isEqualTo(Duration.ofMillis(70));
        assertThat(s.settings().interval()).isEqualTo(Duration.ofMillis(30));
        s.onInterval().push(b).unshift(b);
        s.runOnInterval();
        assertThat(order).containsExactly("b", "a", "b");
        s.onInterval().remove(b);
        order.clear();
        s.runOnInterval();
        assertThat(order).containsExactly("a");
        s.onInterval().clear();
        assertThat(s.onInterval().isEmpty()).isTrue();

        List<String> pids = new ArrayList<>();
        s.onPid().push((svc, pid, st) -> pids.add("1:" + pid + ":" + st)).push((svc, pid, st) -> pids.add("2:" + pid + ":" + st));
        s.runOnPid(10, 5 << 8);
        assertThat(pids).containsExactly("1:10:1280", "2:10:1280");

        assertThat(s.runShouldEnd()).isFalse();
        s.shouldEnd().push(svc -> false);
        assertThat(s.runShouldEnd()).isFalse();
        s.shouldEnd().push(svc -> true).push(svc -> false);
        assertThat(s.runShouldEnd()).isTrue();

        s.onSig("HUP").push((svc, g) -> order.add("hup"));
        assertThat(s.signalsToGrab()).containsExactly("HUP");
        s.runOnSig("HUP");
        s.runOnSig("USR1");
        assertThat(order).endsWith("hup");

        assertThatThrownBy(() -> s.handleResponse(new Response(Wire.response("r1", 1, null), null)))
                .isInstanceOf(UnexpectedResponseException.class).hasMessageContaining("no response handler set");
        Service withAll = builder("withall").onAll((svc, act) -> order.add("all1")).onAll((svc, act) -> order.add("all2")).build();
        withAll.handleResponse(new Response(Wire.response("r1", 1, null), null));
        assertThat(withAll.handleRequest(new Request(Wire.request("q", 1), null))).isSameAs(AbstractService.NO_RESPONSE);
        order.clear();
        withAll.runOnAll(new Activity());
        assertThat(order).containsExactly("all1", "all2");
    }

    @Test
    void aReusedBuilderGivesEachServiceListsOfItsOwn() throws Exception {
        List<String> order = new ArrayList<>();
        Service.Builder b = builder("reused").handleRequest((svc, r) -> "ok").onInterval(svc -> order.add("first"));
        Service one = b.build();
        b.onInterval(svc -> order.add("second"));
        Service two = b.build();
        one.onInterval().clear();
        one.runOnInterval();
        two.runOnInterval();
        assertThat(order).containsExactly("first", "second");
        assertThat(b.build().onInterval().list()).hasSize(2);
    }

    @Test
    void theSettingsAreReadOnceFromTheParameters() {
        ServiceParams p = ServiceParams.of("set", store.info()).with("cycle", 0.05).with("interval", 2)
                .with("watch_pids", 4242).with("intercept_errors", "1").with("expose_error_details", "0")
                .with("redirect", Map.of("inherit", false)).with("own", "mine");
        ServiceSettings settings = new EchoService(p).settings();
        assertThat(settings.name()).isEqualTo("set");
        assertThat(settings.ipcmInfo()).isEqualTo(store.info());
        assertThat(settings.pid()).isEqualTo(Os.get().pid());
        assertThat(settings.cycle()).isEqualTo(Duration.ofMillis(50));
        assertThat(settings.interval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(settings.watchPids()).containsExactly(4242L);
        assertThat(settings.interceptErrors()).isTrue();
        assertThat(settings.exposeErrorDetails()).isFalse();
        assertThat(settings.usePosixExit()).isFalse();
        assertThat(settings.redirect()).hasValueSatisfying(r -> assertThat(r.get("inherit").asBoolean()).isFalse());
        assertThat(settings.params().text("own")).contains("mine");
        assertThat(ServiceSettings.from(ServiceParams.of("d", store.info())).cycle()).isEqualTo(ServiceSettings.DEFAULT_CYCLE);
        assertThatThrownBy(() -> ServiceOptions.named("x").interval(Duration.ofSeconds(-1)))
                .isInstanceOf(ServiceConfigException.class).hasMessageContaining("'interval'").hasMessageContaining("PT-1S");
    }

    /** Perl writes numbers it read as text as strings; a duration so given is the number it spells. */
    @Test
    void secondsGivenAsTextAreTheNumberTheySpell() {
        ServiceParams p = ServiceParams.of("text", store.info()).with("interval", "2").with("cycle", "0.25");
        assertThat(p.seconds("interval")).contains(Duration.ofSeconds(2));
        assertThat(new EchoService(p).settings().cycle()).isEqualTo(Duration.ofMillis(250));
        assertThatThrownBy(() -> p.with("cycle", "-1").seconds("cycle")).isInstanceOf(ServiceConfigException.class)
                .hasMessageContaining("'cycle'").hasMessageContaining("-1");
        assertThatThrownBy(() -> p.with("interval", -0.5).seconds("interval")).isInstanceOf(ServiceConfigException.class)
                .hasMessageContaining("'interval'").hasMessageContaining("-0.5");
    }
}
