package dev.ipcm.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ipcm.Client;
import dev.ipcm.Store;
import dev.ipcm.junit.ClientName;
import dev.ipcm.junit.IpcmConfiguration;
import dev.ipcm.junit.IpcmTest;
import dev.ipcm.service.Response;
import dev.ipcm.service.Service;
import dev.ipcm.service.ServiceErrorException;
import dev.ipcm.service.ServiceHandle;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apiguardian.api.API;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * IPC::Manager's service scenarios about failing handlers and callbacks, not processes: each
 * runs its service in a thread of this JVM on the store under test, so every protocol runs them,
 * and each talks to it through the protocol like any peer. The rules are those of docs/conformance.md, "The client contract", section "Services".
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
@IpcmTest
@ScenarioGroup("services")
public class ServiceCallbackScenarios {
    private final Duration wait;

    /** Created by Jupiter with the harness settings. */
    public ServiceCallbackScenarios(IpcmConfiguration config) {
        this.wait = config.awaitTimeout();
    }

    /** ipcm's services join the store by its info string: not applicable where ipcm cannot join it. */
    @BeforeEach
    void servicesCanJoin(Store store) {
        OwnProtocol.assumeServicesCanJoin(store);
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
