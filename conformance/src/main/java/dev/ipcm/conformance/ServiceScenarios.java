package dev.ipcm.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ipcm.Client;
import dev.ipcm.Message;
import dev.ipcm.NoSuchPeerException;
import dev.ipcm.Store;
import dev.ipcm.junit.ClientName;
import dev.ipcm.junit.IpcmConfiguration;
import dev.ipcm.junit.IpcmTest;
import dev.ipcm.service.RequestTimeoutException;
import dev.ipcm.service.Response;
import dev.ipcm.service.Service;
import dev.ipcm.service.ServiceErrorException;
import dev.ipcm.service.ServiceHandle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.apiguardian.api.API;
import org.junit.jupiter.api.Test;

/**
 * IPC::Manager's service scenarios that are about requests and callbacks, not processes: each
 * runs its service in a thread of this JVM on the store under test, so every protocol runs them,
 * and each talks to it through the protocol like any peer. The harness's Echo service (a child
 * JVM where the protocol crosses processes) certifies requests from another process. The rules
 * are those of docs/conformance.md, "The client contract", section "Services".
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
@IpcmTest
@ScenarioGroup("services")
public class ServiceScenarios {
    private final Duration wait;

    /** Created by Jupiter with the harness settings. */
    public ServiceScenarios(IpcmConfiguration config) {
        this.wait = config.awaitTimeout();
    }

    /** test_simple_service: an on_all service answers a request by hand and sees its terminate message. */
    @Test
    @ScenarioName("simple_service")
    void simpleService(Store store) {
        AtomicReference<String> question = new AtomicReference<>();
        AtomicBoolean terminated = new AtomicBoolean();
        List<Response> got = new ArrayList<>();
        try (RunningServices services = new RunningServices(store, wait)) {
            ServiceHandle h = services.start(RunningServices.inThread("foo", p -> Service.builder(p).onAll((s, a) -> {
                for (Message m : a.messages()) {
                    if (m.isTerminate()) {
                        terminated.set(true);
                    } else if (m.content().has("ipcm_request_id")) {
                        question.set(m.content().get("request").asText());
                        s.sendResponse(m.from(), m.content().get("ipcm_request_id").asText(), "blah!");
                    }
                }
            }).build()));
            h.sendRequest("foo", "blah?", got::add);
            h.awaitAllResponses(wait);
        }
        assertThat(got).as("responses").extracting(Response::text).containsExactly("blah!");
        assertThat(question.get()).as("the request the service saw").isEqualTo("blah?");
        assertThat(terminated.get()).as("the service saw its terminate message").isTrue();
    }

    /** test_sync_request: a synchronous request returns the answer in the response envelope. */
    @Test
    @ScenarioName("sync_request")
    void syncRequest(Store store) {
        try (RunningServices services = new RunningServices(store, wait)) {
            ServiceHandle h = services.start(prefix("sync_svc", "sync_echo: "));
            Response r = h.syncRequest("sync_svc", "hello_sync", wait);
            assertThat(r.text()).as("answer").isEqualTo("sync_echo: hello_sync");
            assertThat(r.isError()).as("is an error").isFalse();
            assertThat(r.content().has("ipcm_response_id")).as("envelope has ipcm_response_id").isTrue();
        }
    }

    /** test_multiple_requests: five requests in flight at once are each answered once. */
    @Test
    @ScenarioName("multiple_requests")
    void multipleRequests(Store store) {
        List<String> got = Collections.synchronizedList(new ArrayList<>());
        try (RunningServices services = new RunningServices(store, wait)) {
            ServiceHandle h = services.start(prefix("multi_svc", "reply_"));
            for (int i = 1; i <= 5; i++) {
                h.sendRequest("multi_svc", "req_" + i, r -> got.add(r.text()));
            }
            h.awaitAllResponses(wait);
            assertThat(h.havePendingResponses()).as("requests still pending").isFalse();
        }
        assertThat(got).as("answers").containsExactlyInAnyOrder("reply_req_1", "reply_req_2", "reply_req_3",
                "reply_req_4", "reply_req_5");
    }

    /** test_handle_messages_buffer: a message that is not a response waits in the handle's buffer, once. */
    @Test
    @ScenarioName("handle_messages_buffer")
    void handleMessagesBuffer(Store store) {
        try (RunningServices services = new RunningServices(store, wait)) {
            ServiceHandle h = services.start(RunningServices.inThread("buf_svc", p -> Service.builder(p).handleRequest((s, r) -> {
                s.client().send(r.from(), Map.of("notification", "event_" + r.text()));
                return "ack";
            }).build()));
            assertThat(h.syncRequest("buf_svc", "ping", wait).text()).as("answer").isEqualTo("ack");
            List<Message> buffered = h.messages();
            assertThat(buffered).as("buffered messages").hasSize(1);
            assertThat(buffered.get(0).content().get("notification").asText()).as("notification").isEqualTo("event_ping");
            assertThat(h.messages()).as("buffer after it was read").isEmpty();
        }
    }

    /** test_general_messages_to_service: a plain message reaches the service's general-message callback. */
    @Test
    @ScenarioName("general_messages")
    void generalMessages(Store store) {
        List<String> seen = new CopyOnWriteArrayList<>();
        try (RunningServices services = new RunningServices(store, wait)) {
            ServiceHandle h = services.start(RunningServices.inThread("gen_svc", p -> Service.builder(p)
                    .handleRequest((s, r) -> "ok").onGeneralMessage((s, m) -> seen.add(m.content().path("text").asText()))
                    .build()));
            h.client().send("gen_svc", Map.of("text", "plain_hello"));
            assertThat(h.syncRequest("gen_svc", "after", wait).text()).as("answer after the message").isEqualTo("ok");
            assertThat(seen).as("general messages the service saw").containsExactly("plain_hello");
        }
    }

    /** test_request_error_detailed: with details exposed, a failing handler's message reaches the caller. */
    @Test
    @ScenarioName("request_error_detailed")
    void requestErrorDetailed(Store store) {
        try (RunningServices services = new RunningServices(store, wait)) {
            ServiceHandle h = services.start(crashing("err_detail_svc", "detailed failure info").exposeErrorDetails(true));
            Response crash = h.syncRequest("err_detail_svc", "crash", wait);
            assertThat(crash.error()).as("error of the failed request").hasValueSatisfying(e ->
                    assertThat(e).contains("detailed failure info"));
            assertThat(crash.value().isNull()).as("value of a failed request is null").isTrue();
            assertThatThrownBy(crash::orThrow).isInstanceOf(ServiceErrorException.class)
                    .hasMessageContaining("detailed failure info");
            assertThat(h.syncRequest("err_detail_svc", "hello", wait).text()).as("answer after the failure").isEqualTo("ok");
        }
    }

    /** test_request_error_generic: by default the caller learns only that the service failed, not why. */
    @Test
    @ScenarioName("request_error_generic")
    void requestErrorGeneric(Store store) {
        try (RunningServices services = new RunningServices(store, wait)) {
            ServiceHandle h = services.start(crashing("err_generic_svc", "secret internal failure"));
            Response hello = h.syncRequest("err_generic_svc", "hello", wait);
            assertThat(hello.content().has("ipcm_error")).as("a good answer carries ipcm_error").isFalse();
            Response crash = h.syncRequest("err_generic_svc", "crash", wait);
            assertThat(crash.error()).as("error of the failed request").contains("Internal service error");
            assertThat(crash.value().isNull()).as("value of a failed request is null").isTrue();
            assertThat(h.syncRequest("err_generic_svc", "hello", wait).text()).as("answer after the failure").isEqualTo("ok");
        }
    }

    /** test_intercept_errors: failures in interval, general-message and peer-delta callbacks do not end the service. */
    @Test
    @ScenarioName("intercept_errors")
    void interceptErrors(Store store) {
        AtomicBoolean survivedInterval = new AtomicBoolean();
        int[] intervals = {0};
        try (RunningServices services = new RunningServices(store, wait)) {
            ServiceHandle h = services.start(RunningServices.inThread("ie_svc", p -> Service.builder(p)
                    .onInterval(s -> {
                        if (intervals[0]++ == 0) {
                            throw new IllegalStateException("interval boom");
                        }
                        survivedInterval.set(true);
                    })
                    .onGeneralMessage((s, m) -> {
                        throw new IllegalStateException("general boom");
                    })
                    .onPeerDelta((s, d) -> {
                        throw new IllegalStateException("peer delta boom");
                    })
                    .handleRequest((s, r) -> crashOn(r.text(), "request boom")).build())
                    .interceptErrors(true).exposeErrorDetails(true).interval(Duration.ofMillis(100)));
            try (Client extra = store.connect("ie_extra")) {
                assertThat(extra.name()).isEqualTo("ie_extra");
            }
            h.client().send("ie_svc", Map.of("action", "crash"));
            assertThat(h.syncRequest("ie_svc", "ping", wait).text()).as("answer after failed callbacks").isEqualTo("ok");
            assertThat(h.syncRequest("ie_svc", "crash", wait).error()).as("error of the failed request")
                    .hasValueSatisfying(e -> assertThat(e).contains("request boom"));
            assertThat(Await.peers(h.client(), survivedInterval::get, wait)).as("an interval ran after the failed one").isTrue();
            assertThat(h.syncRequest("ie_svc", "ping", wait).text()).as("answer at the end").isEqualTo("ok");
        }
    }

    /** test_service_callbacks: interval, peer delta, should-end and clean-up callbacks run. */
    @Test
    @ScenarioName("service_callbacks")
    void serviceCallbacks(Store store) {
        AtomicBoolean interval = new AtomicBoolean();
        AtomicBoolean end = new AtomicBoolean();
        AtomicBoolean cleanedUp = new AtomicBoolean();
        List<String> deltas = new CopyOnWriteArrayList<>();
        try (RunningServices services = new RunningServices(store, wait);
                Client watcher = store.connect("cb_watcher")) {
            services.start(RunningServices.inThread("cb_svc", p -> Service.builder(p)
                    .onInterval(s -> interval.set(true))
                    .onPeerDelta((s, d) -> d.forEach((peer, v) -> deltas.add(peer + ":" + v)))
                    .onCleanup(s -> cleanedUp.set(true))
                    .shouldEnd(s -> end.get())
                    .handleRequest((s, r) -> "ok").build()).interval(Duration.ofMillis(100)));
            assertThat(Await.peers(watcher, interval::get, wait)).as("the interval callback ran").isTrue();
            Client extra = store.connect("extra_peer");
            assertThat(Await.peers(watcher, () -> deltas.contains("extra_peer:1"), wait))
                    .as("peer deltas the service saw: %s", deltas).isTrue();
            extra.disconnect();
            end.set(true);
            assertThat(Await.peers(watcher, () -> !watcher.peers().contains("cb_svc"), wait))
                    .as("the service left once should-end held").isTrue();
        }
        assertThat(cleanedUp.get()).as("the clean-up callback ran").isTrue();
    }

    /** test_sync_request_peer_exits_after_response: the answer of a service that ends right after sending it arrives. */
    @Test
    @ScenarioName("sync_request_peer_exits_after_response")
    void peerExitsAfterResponse(Store store, @ClientName("exit_watch") Client watcher) {
        for (int i = 1; i <= 3; i++) {
            String name = "exit_after_resp_" + i;
            try (RunningServices services = new RunningServices(store, wait)) {
                AtomicBoolean done = new AtomicBoolean();
                ServiceHandle h = services.start(RunningServices.inThread(name, p -> Service.builder(p).handleRequest((s, r) -> {
                    done.set(true);
                    return Map.of("ok", 1, "n", r.value().get("n").asInt());
                }).shouldEnd(s -> done.get()).build()).handleName("exit_asker_" + i));
                String id = h.sendRequest(name, Map.of("n", i));
                assertThat(Await.peers(watcher, () -> !watcher.peers().contains(name), wait)).as("%s ended", name).isTrue();
                Response r = h.awaitResponse(id, wait);
                assertThat(r.value().get("n").asInt()).as("n in the answer").isEqualTo(i);
                assertThat(r.value().get("ok").asInt()).as("ok in the answer").isEqualTo(1);
            }
        }
    }

    /** A request to a name nobody holds fails at once, naming it, and leaves nothing pending; the one-shot helper too. */
    @Test
    @ScenarioName("request_to_missing_service")
    void requestToMissingService(Store store) {
        try (ServiceHandle h = ServiceHandle.builder("no_such_svc", store.info()).name("asker").build()) {
            assertThatThrownBy(() -> h.syncRequest("no_such_svc", "hello", wait))
                    .isInstanceOf(NoSuchPeerException.class).hasMessageContaining("no_such_svc");
            assertThat(h.havePendingResponses()).as("requests pending").isFalse();
        }
        assertThatThrownBy(() -> ServiceHandle.request(store.info(), "no_such_svc", "hello", wait))
                .as("the one-shot request helper").isInstanceOf(NoSuchPeerException.class).hasMessageContaining("no_such_svc");
    }

    /** A peer that never answers makes the one-shot request helper time out, saying how long it waited. */
    @Test
    @ScenarioName("request_timeout")
    void requestTimeout(Store store, @ClientName("silent") Client silent) {
        assertThatThrownBy(() -> ServiceHandle.request(store.info(), "silent", "hello", Duration.ofMillis(300)))
                .isInstanceOf(RequestTimeoutException.class).hasMessageContaining("timed out after 0.3s waiting for response");
        assertThat(Await.messages(silent, 1, wait)).as("the unanswered request").hasSize(1);
    }

    /** The harness's Echo service (in another process where the protocol crosses processes) answers a request. */
    @Test
    @ScenarioName("echo_request")
    void echoRequest(ServiceHandle echo) {
        assertThat(echo.syncRequest("echo", "hello", wait).text()).as("Echo's answer").isEqualTo("echo: hello");
        echo.process().ifPresent(p -> assertThat(echo.servicePid()).as("Echo's pid (a child JVM)").hasValue(p.pid()));
        assertThat(echo.request(Map.of("n", 1), wait).text()).as("Echo's answer to JSON").isEqualTo("echo: {\"n\":1}");
    }

    /** Four callers with 100 requests each in flight at once: every answer matches its own request. */
    @Test
    @ScenarioName("concurrent_requests")
    void concurrentRequests(Store store, ServiceHandle echo) throws Exception {
        List<java.util.concurrent.CompletableFuture<Map<String, String>>> callers = new ArrayList<>();
        for (int c = 0; c < 4; c++) {
            String caller = "caller" + c;
            callers.add(java.util.concurrent.CompletableFuture.supplyAsync(() -> call(store, caller)));
        }
        for (java.util.concurrent.CompletableFuture<Map<String, String>> f : callers) {
            Map<String, String> mismatches = f.get(wait.toMillis() * 2, java.util.concurrent.TimeUnit.MILLISECONDS);
            assertThat(mismatches).as("answers that did not match their request (id -> answer)").isEmpty();
        }
    }

    private Map<String, String> call(Store store, String caller) {
        Map<String, String> expected = new java.util.concurrent.ConcurrentHashMap<>();
        Map<String, String> wrong = new java.util.concurrent.ConcurrentHashMap<>();
        try (ServiceHandle h = ServiceHandle.builder("echo", store.info()).name(caller).build()) {
            for (int i = 0; i < 100; i++) {
                String request = caller + "-" + i;
                String id = h.sendRequest("echo", request, r -> {
                    if (!("echo: " + expected.get(r.id())).equals(r.text())) {
                        wrong.put(r.id(), r.text());
                    }
                    expected.remove(r.id());
                });
                expected.putIfAbsent(id, request);
            }
            h.awaitAllResponses(wait);
        }
        expected.forEach((id, request) -> wrong.put(id, "no answer to " + request));
        return wrong;
    }

    private static dev.ipcm.service.ServiceOptions prefix(String name, String prefix) {
        return RunningServices.inThread(name, p -> Service.builder(p).handleRequest((s, r) -> prefix + r.text()).build());
    }

    private static dev.ipcm.service.ServiceOptions crashing(String name, String failure) {
        return RunningServices.inThread(name, p -> Service.builder(p).handleRequest((s, r) -> crashOn(r.text(), failure)).build());
    }

    private static Object crashOn(String request, String failure) {
        if (request.equals("crash")) {
            throw new IllegalStateException(failure);
        }
        return "ok";
    }
}
