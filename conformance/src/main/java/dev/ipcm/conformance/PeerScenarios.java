package dev.ipcm.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ipcm.Client;
import dev.ipcm.NoSuchPeerException;
import dev.ipcm.Store;
import dev.ipcm.junit.ClientName;
import dev.ipcm.junit.IpcmConfiguration;
import dev.ipcm.junit.IpcmTest;
import java.time.Duration;
import java.util.Map;
import org.apiguardian.api.API;
import org.junit.jupiter.api.Test;

/**
 * Peers and liveness: lists, existence, pids, activity, changes. The rules are those of
 * docs/conformance.md, "The client contract", section "Peers and liveness".
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
@IpcmTest
@ScenarioGroup("peers")
public class PeerScenarios {
    private final Duration wait;

    /** Created by Jupiter with the harness settings. */
    public PeerScenarios(IpcmConfiguration config) {
        this.wait = config.awaitTimeout();
    }

    /** test_peer_active: each client sees the other active; an unknown name is not. */
    @Test
    @ScenarioName("peer_active")
    void peerActive(@ClientName("pa1") Client pa1, @ClientName("pa2") Client pa2) {
        assertThat(pa1.peerActive("pa2")).as("pa2 as pa1 sees it").isTrue();
        assertThat(pa2.peerActive("pa1")).as("pa1 as pa2 sees it").isTrue();
        assertThat(pa1.peerActive("nonexistent")).as("a name nobody connected").isFalse();
        assertThat(pa1.awaitPeerActive("pa2", wait)).as("waiting for pa2 to be active").isTrue();
        assertThat(pa1.awaitPeerActive("nonexistent", Duration.ofMillis(50))).as("waiting for a name nobody connected").isFalse();
    }

    /** peers() lists the others, sorted, never oneself. */
    @Test
    @ScenarioName("peers_sorted")
    void peersSorted(@ClientName("carol") Client carol, @ClientName("alice") Client alice, @ClientName("bob") Client bob) {
        assertThat(carol.peers()).as("the peers carol sees, sorted").containsExactly("alice", "bob");
        assertThat(alice.peers()).as("the peers alice sees, sorted").containsExactly("bob", "carol");
        bob.disconnect();
        assertThat(Await.peers(alice, () -> alice.peers().equals(java.util.List.of("carol")), wait)).as("alice's peers after bob left").isTrue();
    }

    /**
     * peerExists and peerPid know connected clients (with the pid of the process that connected
     * them: this JVM for a Java client, the driver's process for a client in a driver,
     * docs/driver-protocol.md) and nothing of strangers.
     */
    @Test
    @ScenarioName("peer_exists_and_pid")
    void peerExistsAndPid(@ClientName("a") Client a, @ClientName("b") Client b) {
        assertThat(a.peerExists("b")).as("whether a sees b").isTrue();
        assertThat(a.peerExists("stranger")).as("whether a sees a stranger").isFalse();
        assertThat(a.peerPid("b")).as("b's pid as a sees it").hasValue(b.pid());
        assertThat(a.peerPid("stranger")).as("a stranger's pid").isEmpty();
        assertThatThrownBy(() -> a.peerExists("")).as("asking about the empty name").isInstanceOf(NoSuchPeerException.class);
        assertThat(ProcessHandle.of(b.pid()).map(ProcessHandle::isAlive)).as("whether b's own pid %d is a live process",
                b.pid()).contains(true);
    }

    /** A waiter sees a peer arrive (+1) and leave (-1). */
    @Test
    @ScenarioName("peer_changes")
    void peerChanges(Store store, @ClientName("watcher") Client watcher) {
        Client late = store.connect("late");
        assertThat(watcher.awaitPeerChange(wait)).as("the change the watcher sees when late connects").isEqualTo(Map.of("late", 1));
        late.disconnect();
        assertThat(watcher.awaitPeerChange(wait)).as("the change the watcher sees when late disconnects").isEqualTo(Map.of("late", -1));
        assertThat(watcher.awaitPeerChange(Duration.ofMillis(50))).as("changes when nothing happened").isEmpty();
    }
}
