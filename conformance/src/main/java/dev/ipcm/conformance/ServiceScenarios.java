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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * IPC::Manager's service scenarios about requests and answers, not processes: each
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

    /** ipcm's services join the store by its info string: not applicable where ipcm cannot join it. */
    @BeforeEach
    void servicesCanJoin(Store store) {
        OwnProtocol.assumeServicesCanJoin(store);
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

    /** Sends 100 requests at once and returns every answer that did not match its request (id to answer). */
    private Map<String, String> call(Store store, String caller) {
        Map<String, String> expected = new java.util.HashMap<>();
        Map<String, String> got = new java.util.concurrent.ConcurrentHashMap<>();
        try (ServiceHandle h = ServiceHandle.builder("echo", store.info()).name(caller).build()) {
            for (int i = 0; i < 100; i++) {
                String request = caller + "-" + i;
                expected.put(h.sendRequest("echo", request, r -> got.put(r.id(), r.text())), "echo: " + request);
            }
            h.awaitAllResponses(wait);
        }
        Map<String, String> wrong = new java.util.TreeMap<>();
        expected.forEach((id, answer) -> {
            if (!answer.equals(got.get(id))) {
                wrong.put(id, got.getOrDefault(id, "no answer") + " (expected " + answer + ")");
            }
        });
        return wrong;
    }

    private static dev.ipcm.service.ServiceOptions prefix(String name, String prefix) {
        return RunningServices.inThread(name, p -> Service.builder(p).handleRequest((s, r) -> prefix + r.text()).build());
    }
}
