package dev.ipcm.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ipcm.Client;
import dev.ipcm.Ipcm;
import dev.ipcm.Message;
import dev.ipcm.NoSuchPeerException;
import dev.ipcm.SpawnOptions;
import dev.ipcm.Store;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The request book-keeping, with two real LocalMemory clients. */
class RequestsTest {
    Store store;
    Client me;
    Client peer;
    Requests requests = new Requests();

    @BeforeEach
    void setUp() {
        store = Ipcm.spawn(SpawnOptions.defaults().protocol("LocalMemory"));
        me = store.connect("me");
        peer = store.connect("peer");
    }

    @AfterEach
    void tearDown() {
        me.disconnect(m -> { });
        peer.disconnect(m -> { });
        store.close();
    }

    private Response answer(Message request, Object value) {
        ObjectNode content = Wire.response(request.content().get("ipcm_request_id").asText(), value, null);
        return new Response(content, peer.send("me", content));
    }

    @Test
    void nothingIsPendingAtFirstAndClearEmptiesBothTables() {
        assertThat(requests.havePending()).isFalse();
        requests.send(me, "peer", "a", null);
        requests.send(me, "peer", "b", r -> { });
        assertThat(requests.havePending()).isTrue();
        requests.clear();
        assertThat(requests.havePending()).isFalse();
        assertThat(requests.pending()).isEmpty();
    }

    @Test
    void aRequestIsOneMessageWithTheIdAndIsPendingUntilItsResponseArrives() throws Exception {
        String id = requests.send(me, "peer", "ping", null);
        List<Message> got = peer.receive();
        assertThat(got).hasSize(1);
        assertThat(got.get(0).content().get("ipcm_request_id").asText()).isEqualTo(id);
        assertThat(got.get(0).content().get("request").asText()).isEqualTo("ping");
        assertThat(requests.havePending()).isTrue();
        assertThat(requests.entry(id).peer).isEqualTo("peer");
        assertThat(requests.entry(id).pid).isEqualTo(peer.pid());
        assertThat(requests.get(id)).isEmpty();

        requests.handle(answer(got.get(0), "pong"));
        assertThat(requests.havePending()).isFalse();
        assertThat(requests.get(id)).hasValueSatisfying(r -> assertThat(r.text()).isEqualTo("pong"));
        assertThatThrownBy(() -> requests.get(id)).isInstanceOf(UnexpectedResponseException.class)
                .hasMessageContaining("Not expecting a response with id '" + id + "'");
    }

    @Test
    void aCallbackRunsOnceAndThenNothingIsPending() throws Exception {
        List<Response> seen = new ArrayList<>();
        String id = requests.send(me, "peer", "ping", seen::add);
        assertThat(requests.havePending()).isTrue();
        assertThatThrownBy(() -> requests.get(id)).isInstanceOf(UnexpectedResponseException.class)
                .hasMessageContaining("has a callback assigned");
        Message m = peer.receive().get(0);
        requests.handle(answer(m, "pong"));
        assertThat(seen).hasSize(1);
        assertThat(requests.havePending()).isFalse();
        assertThatThrownBy(() -> requests.handle(answer(m, "again"))).isInstanceOf(UnexpectedResponseException.class)
                .hasMessageContaining("unexpected response");
    }

    @Test
    void unknownExtraAndLateResponsesAreRefused() throws Exception {
        assertThatThrownBy(() -> requests.get("nope")).isInstanceOf(UnexpectedResponseException.class)
                .hasMessageContaining("Not expecting a response with id 'nope'");
        ObjectNode stray = Wire.response("stray-id", "x", null);
        assertThatThrownBy(() -> requests.handle(new Response(stray, null)))
                .isInstanceOf(UnexpectedResponseException.class).hasMessageContaining("unexpected response for 'stray-id'");

        String id = requests.send(me, "peer", "ping", null);
        Message m = peer.receive().get(0);
        requests.handle(answer(m, "one"));
        assertThatThrownBy(() -> requests.handle(answer(m, "two"))).isInstanceOf(UnexpectedResponseException.class)
                .hasMessageContaining("extra response for '" + id + "'");
        assertThat(requests.get(id).orElseThrow().text()).isEqualTo("one");
        assertThatThrownBy(() -> requests.handle(answer(m, "three"))).isInstanceOf(UnexpectedResponseException.class)
                .hasMessageContaining("unexpected response");
    }

    @Test
    void aFailedSendRecordsNothing() {
        assertThatThrownBy(() -> requests.send(me, "ghost", "ping", null)).isInstanceOf(NoSuchPeerException.class);
        assertThat(requests.havePending()).isFalse();
        assertThatThrownBy(() -> requests.send(me, "", "ping", null)).isInstanceOf(ServiceConfigException.class)
                .hasMessageContaining("target peer");
    }

    @Test
    void wireShapesAreIpcManagers() {
        assertThat(Wire.request("id-1", "ping").toString()).isEqualTo("{\"ipcm_request_id\":\"id-1\",\"request\":\"ping\"}");
        assertThat(Wire.response("id-1", null, null).toString()).isEqualTo("{\"ipcm_response_id\":\"id-1\",\"response\":null}");
        assertThat(Wire.response("id-1", null, "Internal service error").toString())
                .isEqualTo("{\"ipcm_response_id\":\"id-1\",\"response\":null,\"ipcm_error\":\"Internal service error\"}");
        assertThat(Wire.isRequest(dev.ipcm.internal.Json.decode("{\"ipcm_request_id\":\"0\",\"request\":1}"))).isFalse();
        assertThat(Wire.isRequest(dev.ipcm.internal.Json.decode("{\"ipcm_request_id\":7}"))).isTrue();
        assertThat(Wire.isResponse(dev.ipcm.internal.Json.decode("\"ipcm_response_id\""))).isFalse();
    }
}
