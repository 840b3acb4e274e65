package dev.ipcm.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ipcm.Client;
import dev.ipcm.Ipcm;
import dev.ipcm.Message;
import dev.ipcm.SpawnOptions;
import dev.ipcm.Store;
import dev.ipcm.internal.Json;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Properties of the request/response wire shapes: any JSON request value reaches the service
 * unchanged, and its response comes back to the right request with the value unchanged.
 */
class WireProperties {
    static Store store;
    static EchoService service;

    @BeforeContainer
    static void start() {
        store = Ipcm.spawn(SpawnOptions.defaults().protocol("LocalMemory"));
        service = new EchoService("wire_svc", store.info()) {
            @Override
            protected Object handleRequest(Request request) {
                return Map.of("id", request.id(), "echoed", request.value());
            }
        };
        service.context().client();
    }

    @AfterContainer
    static void stop() {
        service.context().disconnect();
        store.close();
    }

    @Provide
    Arbitrary<Object> jsonValues() {
        Arbitrary<Object> scalars = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(40).map(s -> (Object) s),
                Arbitraries.integers().map(i -> (Object) i),
                Arbitraries.of(true, false).map(b -> (Object) b));
        return Arbitraries.oneOf(scalars,
                scalars.list().ofMaxSize(4).map(l -> (Object) l),
                Arbitraries.maps(Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(8), scalars).ofMaxSize(4)
                        .map(m -> (Object) m));
    }

    @Property(tries = 60)
    void anyRequestValueRoundTripsThroughAService(@ForAll("jsonValues") Object value) throws Exception {
        try (Client caller = store.connect("caller");
                ServiceHandle h = ServiceHandle.builder("wire_svc", store.info()).client(caller).build()) {
            String id = h.sendRequest("wire_svc", value);
            List<Message> inbox = service.context().client().awaitMessages(Duration.ofSeconds(10));
            assertThat(inbox).hasSize(1);
            new MessageDispatch(service, service.context()).dispatch(inbox.get(0));
            Response r = h.awaitResponse(id, Duration.ofSeconds(10));
            JsonNode expected = Json.toTree(value);
            assertThat(r.id()).isEqualTo(id);
            assertThat(r.value().get("id").asText()).isEqualTo(id);
            assertThat(r.value().get("echoed")).isEqualTo(expected);
            assertThat(r.isError()).isFalse();
        }
    }
}
