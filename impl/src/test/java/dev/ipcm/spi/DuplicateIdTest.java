package dev.ipcm.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ipcm.Client;
import dev.ipcm.ContentException;
import dev.ipcm.Ipcm;
import dev.ipcm.Message;
import dev.ipcm.SpawnOptions;
import dev.ipcm.Store;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A message id sent twice, to the same peer or another, is refused with ContentException on every store. */
class DuplicateIdTest {
    @ParameterizedTest
    @ValueSource(strings = {"LocalMemory", "MessageFiles", "JSONFile", "AtomicPipe", "UnixSocket", "ConnectionUnix",
            "SQLite"})
    void theSameMessageSentTwiceIsRefusedAndArrivesOnce(String protocol) {
        try (Store store = Ipcm.spawn(SpawnOptions.defaults().protocol(protocol));
                Client a = store.connect("a");
                Client b = store.connect("b");
                Client c = store.connect("c")) {
            Message once = a.send("b", "once");
            assertThatThrownBy(() -> a.send(once)).isInstanceOf(ContentException.class)
                    .hasMessageContaining(once.id()).hasMessageContaining("send a new message");
            Message sameIdToC = Message.builder("a").to("c").id(once.id()).content("same id, other peer").build();
            assertThatThrownBy(() -> a.send(sameIdToC)).isInstanceOf(ContentException.class)
                    .hasMessageContaining("already sent to 'b'");
            a.send("c", "fresh");
            assertThat(b.awaitMessages(Duration.ofSeconds(10))).extracting(m -> m.content().asText())
                    .containsExactly("once");
            assertThat(c.awaitMessages(Duration.ofSeconds(10))).extracting(m -> m.content().asText())
                    .containsExactly("fresh");
            assertThat(b.receive()).isEmpty();
        }
    }
}
