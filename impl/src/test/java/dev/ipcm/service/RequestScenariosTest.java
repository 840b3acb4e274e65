package dev.ipcm.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ipcm.Client;
import dev.ipcm.Ipcm;
import dev.ipcm.Message;
import dev.ipcm.NoSuchPeerException;
import dev.ipcm.Store;
import dev.ipcm.os.Os;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * IPC::Manager's request/response scenarios, on every available
 * protocol: child JVMs where the protocol crosses processes, threads otherwise. What a service
 * observes inside its own process comes back through marker files; the test JVM asserts.
 */
public class RequestScenariosTest {
    static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    static java.util.stream.Stream<Bus> buses() {
        return Bus.all();
    }

    // ---- simple_service ------------------------------------------------------------------

    /** A bare on_all service: answers by hand, records what it saw. */
    public static class SimpleFactory implements ServiceFactory {
        @Override
        public AbstractService create(ServiceParams p) {
            Path dir = p.path("dir").orElseThrow();
            boolean[] seen = {false};
            return Service.builder(p).onAll((s, a) -> {
                if (a.isOnlyInterval()) {
                    return;
                }
                for (Message m : a.messages()) {
                    if (m.isTerminate()) {
                        Await.write(dir.resolve("terminate.txt"), "seen=" + seen[0]);
                        continue;
                    }
                    if (Wire.isRequest(m.content())) {
                        Request r = new Request((com.fasterxml.jackson.databind.node.ObjectNode) m.content(), m);
                        seen[0] = true;
                        Await.write(dir.resolve("request.txt"), r.text());
                        s.sendResponse(m.from(), r.id(), Os.get().pid() + " blah!");
                    }
                }
            }).build();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("buses")
    void simpleService(Bus bus) {
        String question = Os.get().pid() + " blah?";
        List<Response> got = new ArrayList<>();
        long servicePid;
        try (ServiceHandle h = Services.start(bus.service("foo", SimpleFactory.class).param("dir", dir.toString()))) {
            servicePid = h.servicePid().orElseThrow();
            h.sendRequest("foo", question, got::add);
            h.awaitAllResponses(WAIT);
        }
        assertThat(got).hasSize(1);
        assertThat(got.get(0).text()).isEqualTo(servicePid + " blah!");
        assertThat(Await.file(dir.resolve("request.txt"), WAIT)).isEqualTo(question);
        assertThat(Await.file(dir.resolve("terminate.txt"), WAIT)).isEqualTo("seen=true");
    }

    // ---- sync_request, multiple_requests, exec_service ----------------------------

    /** Answers {@code <prefix><request>}. */
    public static class PrefixFactory implements ServiceFactory {
        @Override
        public AbstractService create(ServiceParams p) {
            String prefix = p.text("prefix").orElse("");
            return Service.builder(p).handleRequest((s, r) -> prefix + r.text()).build();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("buses")
    void syncRequest(Bus bus) {
        try (ServiceHandle h = Services.start(bus.service("sync_svc", PrefixFactory.class).param("prefix", "sync_echo: "))) {
            Response r = h.syncRequest("sync_svc", "hello_sync", WAIT);
            assertThat(r.text()).isEqualTo("sync_echo: hello_sync");
            assertThat(r.isError()).isFalse();
            assertThat(r.content().has("ipcm_response_id")).isTrue();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("buses")
    void multipleRequests(Bus bus) {
        List<String> got = Collections.synchronizedList(new ArrayList<>());
        try (ServiceHandle h = Services.start(bus.service("multi_svc", PrefixFactory.class).param("prefix", "reply_"))) {
            for (int i = 1; i <= 5; i++) {
                h.sendRequest("multi_svc", "req_" + i, r -> got.add(r.text()));
            }
            h.awaitAllResponses(WAIT);
            assertThat(h.havePendingResponses()).isFalse();
        }
        assertThat(got).hasSize(5);
        assertThat(got.stream().sorted().toList())
                .containsExactly("reply_req_1", "reply_req_2", "reply_req_3", "reply_req_4", "reply_req_5");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("buses")
    void execService(Bus bus) {
        boolean[] ran = {false};
        ServiceOptions o = bus.service("exec_svc", EchoService.class).exec(List.of("-Dipcm.test.exec=1"), false);
        try (ServiceHandle h = Services.start(o)) {
            if (!bus.inThread) {
                assertThat(h.servicePid().orElseThrow()).isNotEqualTo(Os.get().pid());
            }
            h.sendRequest("exec_svc", "ping", r -> {
                assertThat(r.text()).isEqualTo("echo: ping");
                ran[0] = true;
            });
            h.awaitAllResponses(WAIT);
        }
        assertThat(ran[0]).isTrue();
    }

    // ---- general messages, handle buffer ---------------------------------------------

    /** Writes the {@code text} of general messages to a marker. */
    public static class GeneralFactory implements ServiceFactory {
        @Override
        public AbstractService create(ServiceParams p) {
            Path marker = p.path("marker").orElseThrow();
            return Service.builder(p).handleRequest((s, r) -> "ok").onGeneralMessage((s, m) -> {
                if (m.content().isObject() && m.content().has("text")) {
                    Await.write(marker, m.content().get("text").asText());
                }
            }).build();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("buses")
    void generalMessagesToService(Bus bus) {
        Path marker = dir.resolve("general.txt");
        try (ServiceHandle h = Services.start(bus.service("gen_svc", GeneralFactory.class).param("marker", marker.toString()))) {
            h.client().send("gen_svc", Map.of("text", "plain_hello"));
            assertThat(Await.file(marker, WAIT)).contains("plain_hello");
        }
    }

    /** Sends a notification to the requester before answering. */
    public static class BufferFactory implements ServiceFactory {
        @Override
        public AbstractService create(ServiceParams p) {
            return Service.builder(p).handleRequest((s, r) -> {
                s.client().send(r.from(), Map.of("notification", "event_" + r.text()));
                return "ack";
            }).build();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("buses")
    void handleMessagesBuffer(Bus bus) {
        try (ServiceHandle h = Services.start(bus.service("buf_svc", BufferFactory.class))) {
            assertThat(h.syncRequest("buf_svc", "ping", WAIT).text()).isEqualTo("ack");
            List<Message> buffered = h.messages();
            assertThat(buffered).hasSize(1);
            assertThat(buffered.get(0).content().get("notification").asText()).isEqualTo("event_ping");
            assertThat(h.messages()).isEmpty();
        }
    }

    // ---- request errors, intercept_errors --------------------------------------

    /** Throws {@code failure} for the request {@code crash}, answers {@code ok} otherwise. */
    public static class CrashFactory implements ServiceFactory {
        @Override
        public AbstractService create(ServiceParams p) {
            String failure = p.text("failure").orElse("boom");
            return Service.builder(p).handleRequest((s, r) -> {
                if (r.text().equals("crash")) {
                    throw new IllegalStateException(failure);
                }
                return "ok";
            }).build();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("buses")
    void requestErrorDetailed(Bus bus) {
        ServiceOptions o = bus.service("err_detail_svc", CrashFactory.class).exposeErrorDetails(true)
                .param("failure", "detailed failure info");
        try (ServiceHandle h = Services.start(o)) {
            Response crash = h.syncRequest("err_detail_svc", "crash", WAIT);
            assertThat(crash.error()).hasValueSatisfying(e -> assertThat(e).contains("detailed failure info"));
            assertThat(crash.value().isNull()).isTrue();
            assertThat(crash.content().has("response")).isTrue();
            assertThatThrownBy(crash::orThrow).isInstanceOf(ServiceErrorException.class)
                    .hasMessageContaining("detailed failure info");
            assertThat(h.syncRequest("err_detail_svc", "hello", WAIT).text()).isEqualTo("ok");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("buses")
    void requestErrorGeneric(Bus bus) {
        ServiceOptions o = bus.service("err_generic_svc", CrashFactory.class).param("failure", "secret internal failure");
        try (ServiceHandle h = Services.start(o)) {
            Response hello = h.syncRequest("err_generic_svc", "hello", WAIT);
            assertThat(hello.text()).isEqualTo("ok");
            assertThat(hello.content().has("ipcm_error")).isFalse();
            Response crash = h.syncRequest("err_generic_svc", "crash", WAIT);
            assertThat(crash.error()).contains("Internal service error");
            assertThat(crash.error().orElseThrow()).doesNotContain("secret");
            assertThat(crash.value().isNull()).isTrue();
            assertThat(h.syncRequest("err_generic_svc", "hello", WAIT).text()).isEqualTo("ok");
        }
    }

    /** Every callback but the request handler throws at some point; the loop must survive. */
    public static class InterceptFactory implements ServiceFactory {
        @Override
        public AbstractService create(ServiceParams p) {
            Path marker = p.path("marker").orElseThrow();
            int[] intervals = {0};
            return Service.builder(p)
                    .onInterval(s -> {
                        if (intervals[0]++ == 0) {
                            throw new IllegalStateException("interval boom");
                        }
                        Await.write(marker, "survived");
                    })
                    .onGeneralMessage((s, m) -> {
                        if (m.content().path("action").asText().equals("crash")) {
                            throw new IllegalStateException("general boom");
                        }
                    })
                    .onPeerDelta((s, d) -> {
                        throw new IllegalStateException("peer delta boom");
                    })
                    .handleRequest((s, r) -> {
                        if (r.text().equals("crash")) {
                            throw new IllegalStateException("request boom");
                        }
                        return "ok";
                    }).build();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("buses")
    void interceptErrors(Bus bus) {
        Path marker = dir.resolve("interval.txt");
        ServiceOptions o = bus.service("ie_svc", InterceptFactory.class).interceptErrors(true).exposeErrorDetails(true)
                .interval(Duration.ofMillis(100)).param("marker", marker.toString());
        try (ServiceHandle h = Services.start(o)) {
            Await.file(marker, WAIT);
            try (Client extra = Ipcm.connect("ie_extra", h.ipcmInfo())) {
                assertThat(extra.name()).isEqualTo("ie_extra");
            }
            assertThat(h.syncRequest("ie_svc", "ping", WAIT).text()).isEqualTo("ok");
            h.client().send("ie_svc", Map.of("action", "crash"));
            assertThat(h.syncRequest("ie_svc", "ping", WAIT).text()).isEqualTo("ok");
            Response crash = h.syncRequest("ie_svc", "crash", WAIT);
            assertThat(crash.error()).hasValueSatisfying(e -> assertThat(e).contains("request boom"));
            assertThat(crash.value().isNull()).isTrue();
            assertThat(h.syncRequest("ie_svc", "ping", WAIT).text()).isEqualTo("ok");
        }
    }

    // ---- service_callbacks ----------------------------------------------------------------

    /** Interval, peer-delta, clean-up markers and a should-end trigger file. */
    public static class CallbacksFactory implements ServiceFactory {
        @Override
        public AbstractService create(ServiceParams p) {
            Path dir = p.path("dir").orElseThrow();
            return Service.builder(p)
                    .onInterval(s -> {
                        if (!Files.exists(dir.resolve("interval.txt"))) {
                            Await.write(dir.resolve("interval.txt"), "interval");
                        }
                    })
                    .onPeerDelta((s, d) -> d.forEach((peer, v) -> Await.append(dir.resolve("delta.txt"), peer + ":" + v)))
                    .onCleanup(s -> Await.write(dir.resolve("cleanup.txt"), "cleanup"))
                    .shouldEnd(s -> Files.exists(dir.resolve("trigger")))
                    .handleRequest((s, r) -> "ok").build();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("buses")
    void serviceCallbacks(Bus bus) {
        ServiceOptions o = bus.service("cb_svc", CallbacksFactory.class).interval(Duration.ofMillis(100))
                .param("dir", dir.toString());
        try (ServiceHandle h = Services.start(o)) {
            Await.file(dir.resolve("interval.txt"), WAIT);
            Client extra = Ipcm.connect("extra_peer", h.ipcmInfo());
            Await.until("peer delta for extra_peer", WAIT,
                    () -> Files.exists(dir.resolve("delta.txt")) && Await.read(dir.resolve("delta.txt")).contains("extra_peer:1"));
            extra.disconnect();
            Await.write(dir.resolve("trigger"), "end");
            assertThat(Await.file(dir.resolve("cleanup.txt"), WAIT)).isEqualTo("cleanup");
        }
        assertThat(Await.read(dir.resolve("delta.txt"))).contains("extra_peer:1");
    }

    // ---- sync_request_peer_exits_after_response --------------------------------------------

    /** Answers once with {@code {ok: 1, n: request.n}} and then ends. */
    public static class ExitAfterFactory implements ServiceFactory {
        @Override
        public AbstractService create(ServiceParams p) {
            boolean[] done = {false};
            return Service.builder(p).handleRequest((s, r) -> {
                done[0] = true;
                return Map.of("ok", 1, "n", r.value().get("n").asInt());
            }).shouldEnd(s -> done[0]).build();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("buses")
    void syncRequestPeerExitsAfterResponse(Bus bus) throws Exception {
        for (int i = 1; i <= 5; i++) {
            String name = "exit_after_resp_" + i;
            try (ServiceHandle h = Services.start(bus.service(name, ExitAfterFactory.class))) {
                String id = h.sendRequest(name, Map.of("n", i));
                if (h.process().isPresent()) {
                    assertThat(h.process().get().waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
                } else {
                    Thread t = h.thread().orElseThrow();
                    t.join(WAIT.toMillis());
                    assertThat(t.isAlive()).isFalse();
                }
                JsonNode value = h.awaitResponse(id, WAIT).value();
                assertThat(value.get("n").asInt()).isEqualTo(i);
                assertThat(value.get("ok").asInt()).isEqualTo(1);
            }
        }
    }

    // ---- requests that cannot be answered -------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @MethodSource("buses")
    void requestToAServiceThatDoesNotExist(Bus bus) {
        bus.require();
        try (Store store = Ipcm.spawn(bus.spawn())) {
            try (ServiceHandle h = ServiceHandle.builder("no_such_svc", store.info()).name("asker").build()) {
                assertThatThrownBy(() -> h.syncRequest("no_such_svc", "hello", WAIT))
                        .isInstanceOf(NoSuchPeerException.class).hasMessageContaining("no_such_svc");
                assertThat(h.havePendingResponses()).isFalse();
            }
            assertThatThrownBy(() -> ServiceHandle.request(store.info(), "no_such_svc", "hello", WAIT))
                    .isInstanceOf(NoSuchPeerException.class);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("buses")
    void requestHelperTimesOutWhenTheServiceNeverAnswers(Bus bus) {
        bus.require();
        try (Store store = Ipcm.spawn(bus.spawn()); Client silent = store.connect("silent")) {
            assertThatThrownBy(() -> ServiceHandle.request(store.info(), "silent", "hello", Duration.ofMillis(300)))
                    .isInstanceOf(RequestTimeoutException.class)
                    .hasMessageContaining("timed out after 0.3s waiting for response");
            assertThat(silent.receive()).hasSize(1);
        }
    }
}
