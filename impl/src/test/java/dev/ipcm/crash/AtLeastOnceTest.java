package dev.ipcm.crash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ipcm.Client;
import dev.ipcm.Ipcm;
import dev.ipcm.Message;
import dev.ipcm.NotSupportedException;
import dev.ipcm.SpawnOptions;
import dev.ipcm.Store;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The at-least-once receive within one process (docs/delivery.md); crashes are CrashMatrixTest's. */
class AtLeastOnceTest {
    @ParameterizedTest
    @ValueSource(strings = {"MessageFiles", "JSONFile", "SQLite"})
    void messagesStayStoredUntilAcknowledgedAndAreNotReturnedTwice(String protocol) {
        Store store = Ipcm.spawn(SpawnOptions.defaults().protocol(protocol).serializer("JSON").guard(false));
        try (Client tx = store.connect("tx"); Client rx = store.connect("rx")) {
            for (int i = 0; i < 3; i++) {
                tx.send("rx", i);
            }
            List<Message> got = rx.awaitUnacknowledged(Duration.ofSeconds(10));
            assertThat(got).extracting(m -> m.content().asInt()).containsExactly(0, 1, 2);
            assertThat(rx.receiveUnacknowledged()).isEmpty();
            assertThat(rx.hasReadyMessages()).as("still stored").isTrue();
            rx.acknowledge(List.of(got.get(0).id(), got.get(1).id(), "not-an-id"));
            assertThat(rx.stats().read()).containsEntry("tx", 3L);
            tx.send("rx", 3);
            assertThat(rx.awaitUnacknowledged(Duration.ofSeconds(10))).extracting(m -> m.content().asInt()).containsExactly(3);
            rx.acknowledge(List.of(got.get(2).id()));
            assertThat(rx.hasReadyMessages()).as("the unacknowledged 3 is still stored").isTrue();
            assertThat(rx.receive()).extracting(m -> m.content().asInt()).containsExactly(3);
            assertThat(rx.hasReadyMessages()).isFalse();
        } finally {
            store.unspawn();
        }
    }

    @Test
    void aProtocolThatKeepsNoMailRefusesAtLeastOnceReceive() {
        Store store = Ipcm.spawn(SpawnOptions.defaults().protocol("LocalMemory").guard(false));
        try (Client rx = store.connect("rx")) {
            assertThatThrownBy(rx::receiveUnacknowledged).isInstanceOf(NotSupportedException.class)
                    .hasMessageContaining("LocalMemory").hasMessageContaining("KEEPS_MAIL").hasMessageContaining("receive()");
            assertThatThrownBy(() -> rx.acknowledge(List.of("x"))).isInstanceOf(NotSupportedException.class);
        } finally {
            store.unspawn();
        }
    }
}
