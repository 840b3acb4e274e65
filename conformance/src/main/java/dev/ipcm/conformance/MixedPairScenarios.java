package dev.ipcm.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ipcm.Capability;
import dev.ipcm.Client;
import dev.ipcm.Ipcm;
import dev.ipcm.Message;
import dev.ipcm.Store;
import dev.ipcm.junit.ClientName;
import dev.ipcm.junit.IpcmConfiguration;
import dev.ipcm.junit.IpcmTest;
import dev.ipcm.junit.RequiresCapability;
import dev.ipcm.service.Response;
import dev.ipcm.service.Service;
import dev.ipcm.service.ServiceHandle;
import dev.ipcm.spi.NativeServices;
import dev.ipcm.spi.Protocol;
import dev.ipcm.spi.Stores;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apiguardian.api.API;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

/**
 * Mixed pairs: one client of the implementation under test and one of ipcm's own protocol of
 * the same reference name, joined to the same store by its info string (docs/driver-protocol.md).
 * Certifying the Perl reference through its driver, these are Java and Perl peers on one store,
 * each way: what docs/interop.md records by hand, as scenarios. Only a protocol that declares
 * {@link Capability#MIXED_PAIRS} runs them: on ipcm's own protocols both clients would be one
 * implementation. The service scenarios need the implementation's own services
 * ({@link Protocol#nativeServices()}): its Echo answers ipcm's handle, and its handle calls ipcm's
 * Echo.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
@IpcmTest
@RequiresCapability(Capability.MIXED_PAIRS)
@ScenarioGroup("mixed-pairs")
public class MixedPairScenarios {
    private static final List<JsonNode> CONTENTS = List.of(
            FidelityContents.NODES.objectNode().put("text", "h\u00e9llo \u4e16\u754c \uD83D\uDE00").put("n", 42),
            FidelityContents.NODES.textNode("plain"),
            FidelityContents.NODES.arrayNode().add(1).add(true).addNull().add(FidelityContents.NODES.objectNode().put("deep", "x")),
            FidelityContents.NODES.numberNode(-12345));

    /** Requests both Echo services answer alike ("echo: " and the text): strings, one not ASCII. */
    private static final List<String> REQUESTS = List.of("hello", "h\u00e9llo \u4e16\u754c \uD83D\uDE00", "", "a b\tc\n");

    private final Duration wait;

    /** Created by Jupiter with the harness settings. */
    public MixedPairScenarios(IpcmConfiguration config) {
        this.wait = config.awaitTimeout();
    }

    /** What the implementation's client sends, ipcm's client receives exactly, and the reverse. */
    @Test
    @ScenarioName("messages_both_ways")
    void messagesBothWays(Store store, @ClientName("foreign") Client foreign) {
        try (Client own = ownClient(store, "own")) {
            for (JsonNode content : CONTENTS) {
                foreign.send("own", content);
                own.send("foreign", content);
            }
            assertArrived(Await.messages(own, CONTENTS.size(), wait), "foreign", "own");
            assertArrived(Await.messages(foreign, CONTENTS.size(), wait), "own", "foreign");
        }
    }

    /** A broadcast from either side reaches the other. */
    @Test
    @ScenarioName("broadcast_both_ways")
    void broadcastBothWays(Store store, @ClientName("foreign") Client foreign) {
        try (Client own = ownClient(store, "own")) {
            foreign.broadcast(Map.of("from", "foreign"));
            own.broadcast(Map.of("from", "own"));
            List<Message> atOwn = Await.messages(own, 1, wait);
            List<Message> atForeign = Await.messages(foreign, 1, wait);
            assertThat(atOwn).as("what ipcm's client got of the broadcast").singleElement()
                    .satisfies(m -> assertThat(m.from()).as("its sender").isEqualTo("foreign"));
            assertThat(atForeign).as("what the implementation's client got of the broadcast").singleElement()
                    .satisfies(m -> assertThat(m.from()).as("its sender").isEqualTo("own"));
        }
    }

    /** Each side lists the other as a peer with the pid of the process that connected it, and sees it leave. */
    @Test
    @ScenarioName("peers_both_ways")
    void peersBothWays(Store store, @ClientName("foreign") Client foreign) {
        Client own = ownClient(store, "own");
        try {
            assertThat(foreign.peers()).as("the peers the implementation's client sees").containsExactly("own");
            assertThat(own.peers()).as("the peers ipcm's client sees").containsExactly("foreign");
            assertThat(foreign.peerPid("own")).as("ipcm's client's pid as the implementation sees it").hasValue(own.pid());
            assertThat(own.peerPid("foreign")).as("the implementation's client's pid as ipcm sees it").hasValue(foreign.pid());
            assertThat(foreign.peerActive("own")).as("whether the implementation sees ipcm's client active").isTrue();
            assertThat(own.peerActive("foreign")).as("whether ipcm sees the implementation's client active").isTrue();
        } finally {
            own.disconnect();
        }
        assertThat(Await.peers(foreign, () -> foreign.peers().isEmpty(), wait))
                .as("the implementation's client's peers after ipcm's left").isTrue();
    }

    /**
     * The implementation's Echo service answers ipcm's handle, request after request in order,
     * and ends with exit status 0 on the terminate message ipcm's client sends it.
     */
    @Test
    @ScenarioName("native_service_answers_ipcm")
    void nativeServiceAnswersIpcm(Store store) {
        NativeServices services = nativeServices(store);
        try (NativeServices.RunningService echo = services.startEcho(store.info(), "native_echo", wait);
                ServiceHandle handle = ServiceHandle.builder("native_echo", store.info()).name("ipcm_caller").build()) {
            assertThat(handle.ready(wait)).as("the implementation's Echo is ready for ipcm's handle").isTrue();
            assertThat(handle.servicePid()).as("the Echo's pid as ipcm's handle sees it").hasValue(echo.pid());
            for (String request : REQUESTS) {
                Response r = handle.syncRequest("native_echo", request, wait);
                assertThat(r.isError()).as("the answer to %s is an error", request).isFalse();
                assertThat(r.text()).as("the implementation's answer to %s", request).isEqualTo("echo: " + request);
            }
            handle.client().send("native_echo", Map.of("terminate", 1));
            MarkerFiles.until("the implementation's Echo to end on ipcm's terminate message", wait,
                    () -> echo.exitStatus().isPresent());
            assertThat(echo.exitStatus()).as("the Echo's exit status after the terminate message").hasValue(0);
            assertThat(Await.peers(handle.client(), () -> !handle.client().peers().contains("native_echo"), wait))
                    .as("the Echo has left the store").isTrue();
        }
    }

    /**
     * ipcm's Echo answers the implementation's handle, several requests outstanding at once; a
     * request the service fails on comes back as an error, and the service answers the next one.
     */
    @Test
    @ScenarioName("ipcm_service_answers_native_handle")
    void ipcmServiceAnswersNativeHandle(Store store) {
        NativeServices services = nativeServices(store);
        try (RunningServices running = new RunningServices(store, wait)) {
            running.start(RunningServices.inThread("ipcm_echo", p -> Service.builder(p).handleRequest((s, r) -> {
                if (r.text().equals("crash")) {
                    throw new IllegalStateException("a failure the caller must not see");
                }
                return "echo: " + r.text();
            }).build()));
            try (NativeServices.Handle handle = services.openHandle(store.info(), "ipcm_echo")) {
                MarkerFiles.until("the implementation's handle to see ipcm's Echo ready", wait, handle::ready);
                Map<String, String> sent = new LinkedHashMap<>();
                for (String request : REQUESTS) {
                    sent.put(handle.sendRequest(FidelityContents.NODES.textNode(request)), request);
                }
                sent.forEach((id, request) -> {
                    JsonNode answer = response(handle, id);
                    assertThat(answer.path("ipcm_response_id").asText()).as("the response's id").isEqualTo(id);
                    assertThat(answer.has("ipcm_error")).as("the answer to %s carries ipcm_error: %s", request, answer).isFalse();
                    assertThat(answer.path("response").asText()).as("ipcm's answer to %s", request).isEqualTo("echo: " + request);
                });
                JsonNode failed = response(handle, handle.sendRequest(FidelityContents.NODES.textNode("crash")));
                assertThat(failed.path("ipcm_error").asText()).as("the error the implementation's handle got for a failed request")
                        .isNotEmpty().doesNotContain("a failure the caller must not see");
                assertThat(failed.path("response").isNull() || failed.path("response").isMissingNode())
                        .as("the response of a failed request is null: %s", failed).isTrue();
                assertThat(response(handle, handle.sendRequest(FidelityContents.NODES.textNode("after"))).path("response").asText())
                        .as("ipcm's answer after the failure").isEqualTo("echo: after");
            }
        }
    }

    private JsonNode response(NativeServices.Handle handle, String id) {
        List<JsonNode> got = new ArrayList<>(1);
        MarkerFiles.until("the response to request " + id, wait, () -> {
            Optional<JsonNode> r = handle.response(id);
            r.ifPresent(got::add);
            return r.isPresent();
        });
        return got.get(0);
    }

    /** The implementation's own services; a protocol that declares MIXED_PAIRS without them fails here. */
    private static NativeServices nativeServices(Store store) {
        Protocol underTest = Stores.protocol(store);
        OwnProtocol.ofOther(store);
        return underTest.nativeServices().orElseGet(() -> Assertions.fail(underTest.name()
                + " declares MIXED_PAIRS but offers none of its implementation's services (Protocol.nativeServices())"));
    }

    /** ipcm's client, connected by the store's info string. */
    private static Client ownClient(Store store, String name) {
        OwnProtocol.ofOther(store);
        return Ipcm.connect(name, store.info());
    }

    private static void assertArrived(List<Message> got, String from, String to) {
        assertThat(got).as("messages from %s to %s", from, to).hasSize(CONTENTS.size());
        for (int i = 0; i < CONTENTS.size(); i++) {
            Message m = got.get(i);
            assertThat(m.from()).as("message %d from %s: its sender", i, from).isEqualTo(from);
            assertThat(m.to()).as("message %d from %s: its recipient", i, from).hasValue(to);
            assertThat(m.content()).as("message %d from %s: its content", i, from).isEqualTo(CONTENTS.get(i));
        }
    }
}
