package dev.ipcm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@code SpawnOptions.sanityCheck(true)}: shutdown throws on a sent/received mismatch, and destroys the store all the same. */
class SanityCheckTest {
    /** Shutdown waits this long for a suspended client to come back before it counts: short, as nobody will. */
    private static final Duration SUSPENDED_PEER_WAIT = Duration.ofSeconds(2);

    @Test
    void aMessageNeverReceivedMakesShutdownThrowAndTheStoreIsStillDestroyed() {
        Store store = Ipcm.spawn(SpawnOptions.defaults().protocol("MessageFiles").sanityCheck(true)
                .peerTimeout(SUSPENDED_PEER_WAIT));
        Client a = store.connect("a");
        Client b = store.connect("b");
        a.send("b", "read");
        assertThat(b.awaitMessages(Duration.ofSeconds(10))).hasSize(1);
        a.send("b", "left behind");
        a.disconnect();
        // A suspended client keeps its unread mail in the store: sent, never received.
        b.suspend();
        assertThatThrownBy(store::shutdown).isInstanceOf(SanityCheckException.class)
                .hasMessageContaining("Messages sent vs received mismatch").hasMessageContaining("+1 a -> b");
        assertThatThrownBy(() -> Ipcm.connect("late", store.info())).isInstanceOf(StoreGoneException.class);
    }

    @Test
    void matchingCountsShutDownQuietly() {
        Store store = Ipcm.spawn(SpawnOptions.defaults().protocol("MessageFiles").sanityCheck(true));
        try (Client a = store.connect("a"); Client b = store.connect("b")) {
            a.send("b", "one");
            assertThat(b.awaitMessages(Duration.ofSeconds(10))).hasSize(1);
        }
        store.shutdown();
        assertThatThrownBy(() -> Ipcm.connect("late", store.info())).isInstanceOf(StoreGoneException.class);
    }

    @Test
    void withoutTheCheckAMismatchIsNotAnError() {
        Store store = Ipcm.spawn(SpawnOptions.defaults().protocol("MessageFiles").peerTimeout(SUSPENDED_PEER_WAIT));
        try (Client a = store.connect("a"); Client b = store.connect("b")) {
            a.send("b", "never read");
            b.suspend();
        }
        store.shutdown();
        assertThatThrownBy(() -> Ipcm.connect("late", store.info())).isInstanceOf(StoreGoneException.class);
    }
}
