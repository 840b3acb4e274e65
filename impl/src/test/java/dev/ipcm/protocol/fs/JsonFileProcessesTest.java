package dev.ipcm.protocol.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ipcm.Client;
import dev.ipcm.Ipcm;
import dev.ipcm.NameTakenException;
import dev.ipcm.SpawnOptions;
import dev.ipcm.Store;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** JSONFile across real processes: killed clients, and concurrent senders. */
class JsonFileProcessesTest {
    private Store store;

    @BeforeEach
    void spawn() {
        store = Ipcm.spawn(SpawnOptions.defaults().protocol("JSONFile").serializer("JSON").guard(false));
    }

    @AfterEach
    void unspawn() {
        store.unspawn();
    }

    @Test
    void aKilledClientIsReapedByPeerLeftAndTakenOverWithItsMailByAFreshConnect() throws Exception {
        try (Client watcher = store.connect("watcher")) {
            Process victim = FsChildren.start("hold", store.info(), "victim");
            Process other = FsChildren.start("hold", store.info(), "other");
            assertThat(watcher.awaitPeerActive("victim", Duration.ofSeconds(30))).isTrue();
            watcher.send("victim", "never read");
            assertThatThrownBy(() -> store.connect("victim")).isInstanceOf(NameTakenException.class);
            FsChildren.kill(victim);
            FsChildren.kill(other);
            assertThat(watcher.peers()).isEmpty();
            assertThat(watcher.peerExists("victim")).isTrue();
            assertThat(watcher.peerPid("victim")).hasValue(victim.pid());
            try (Client again = store.connect("victim")) {
                // The fresh connect takes the dead registration over with the mail that waited (docs/decisions.md).
                assertThat(again.receive()).extracting(m -> m.content().asText()).containsExactly("never read");
            }
            assertThat(watcher.peerLeft()).isEqualTo(1);
            assertThat(watcher.peerExists("other")).isFalse();
            assertThat(watcher.allStats()).doesNotContainKey("other");
        }
    }

    /** Every operation rewrites the whole file under one lock, so this uses 4 x 500 rather than 4 x 2,000 messages. */
    @Test
    void fourSenderProcessesArriveOnceAndInOrder() throws Exception {
        ConcurrentSenders.run(store, 4, 500, 240);
    }
}
