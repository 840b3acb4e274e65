package dev.ipcm;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@code tryMessage} never throws: every failure of {@code send} comes back as a failed attempt. */
class TryMessageTest {
    @Test
    void everyFailureIsAnAttemptWithItsError() {
        try (Store store = Ipcm.spawn(SpawnOptions.defaults().protocol("LocalMemory"));
                Client a = store.connect("a");
                Client b = store.connect("b")) {
            SendAttempt sent = a.tryMessage("b", "hi");
            assertThat(sent.isSent()).isTrue();
            assertThat(sent.message()).get().extracting(Message::toOrNull).isEqualTo("b");
            assertThat(b.awaitMessages(Duration.ofSeconds(10))).hasSize(1);

            assertThat(a.tryMessage("b", null).error()).get().isInstanceOf(ContentException.class);
            assertThat(a.tryMessage("ghost", "x").error()).get().isInstanceOf(NoSuchPeerException.class);
            Message wrongSender = Message.builder("someone-else").to("b").content("x").build();
            assertThat(a.tryMessage(wrongSender).isSent()).isFalse();

            a.disconnect();
            SendAttempt closed = a.tryMessage("b", "after");
            assertThat(closed.isSent()).isFalse();
            assertThat(closed.error()).get().isInstanceOf(ClientClosedException.class);
            assertThat(b.receive()).isEmpty();
        }
    }
}
