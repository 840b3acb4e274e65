package dev.ipcm.protocol.socket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ipcm.Capability;
import dev.ipcm.Client;
import dev.ipcm.Ipcm;
import dev.ipcm.IpcmException;
import dev.ipcm.Message;
import dev.ipcm.NoSuchPeerException;
import dev.ipcm.NotSupportedException;
import dev.ipcm.SendOutcome;
import dev.ipcm.SpawnOptions;
import dev.ipcm.Store;
import dev.ipcm.os.FileType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ConnectionUnixClientTest {
    private Store store;

    @BeforeEach
    void spawn() {
        store = Ipcm.spawn(SpawnOptions.defaults().protocol("ConnectionUnix").peerTimeout(Duration.ofSeconds(5)));
    }

    @AfterEach
    void shutdown() {
        store.close();
    }

    @Test
    void aReplyTravelsBackOverTheConnectionTheSenderOpened() {
        try (ConnectionClient alice = (ConnectionClient) store.connect("alice");
                ConnectionClient bob = (ConnectionClient) store.connect("bob")) {
            assertThat(alice.capabilities().has(Capability.CONNECTIONS)).isTrue();
            assertThat(FileType.of(Path.of(store.route(), "bob"))).isEqualTo(FileType.SOCKET);
            alice.send("bob", Map.of("q", 1));
            assertThat(receive(bob, 1)).hasSize(1);
            assertThat(bob.connections()).containsExactly("alice");
            bob.send("alice", Map.of("a", 1));
            assertThat(receive(alice, 1)).extracting(m -> m.content().get("a").asInt()).containsExactly(1);
            assertThat(alice.connections()).containsExactly("bob");
            assertThat(alice.lastActivity("bob")).isPresent();
            assertThat(alice.lastActivity("nobody")).isEmpty();
            // Larger than the socket buffers: the blocking send completes as the receiver reads.
            String big = "b".repeat(3_000_000);
            CompletableFuture<Message> sending = CompletableFuture.supplyAsync(() -> alice.send("bob", Map.of("big", big)));
            assertThat(receive(bob, 1).get(0).content().get("big").asText()).isEqualTo(big);
            assertThat(sending).succeedsWithin(Duration.ofSeconds(10));
        }
    }

    @Test
    void aNonListenerHasAMarkerFileAndIsReachableOnlyOverItsOwnConnections() throws Exception {
        try (ConnectionClient bob = (ConnectionClient) store.connect("bob");
                ConnectionClient carol = (ConnectionClient) store.connect("carol", Map.of("listen", "false"));
                ConnectionClient alice = (ConnectionClient) store.connect("alice")) {
            Path marker = Path.of(store.route(), "carol");
            assertThat(FileType.of(marker)).isEqualTo(FileType.REGULAR);
            assertThat(Files.size(marker)).isZero();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(marker))).isEqualTo("rw-------");
            assertThat(carol.isListening()).isFalse();
            assertThat(alice.peers()).contains("carol");
            assertThat(alice.peerIsListener("carol")).isFalse();
            assertThat(alice.peerIsListener("bob")).isTrue();
            assertThat(alice.listeningPeers()).containsExactly("bob");
            assertThatThrownBy(() -> alice.send("carol", Map.of("x", 1)))
                    .isInstanceOf(NoSuchPeerException.class)
                    .hasMessageContaining("'carol'")
                    .hasMessageContaining("not listening");
            carol.send("bob", Map.of("hi", "from carol"));
            assertThat(receive(bob, 1)).hasSize(1);
            bob.send("carol", Map.of("hi", "back"));
            assertThat(receive(carol, 1)).extracting(m -> m.content().get("hi").asText()).containsExactly("back");
        }
    }

    @Test
    void aCachedConnectionToAPeerThatLeftIsReplacedByAFreshOne() {
        try (ConnectionClient alice = (ConnectionClient) store.connect("alice")) {
            Client bob = store.connect("bob");
            alice.send("bob", Map.of("n", 1));
            assertThat(receive(bob, 1)).hasSize(1);
            bob.close();
            try (Client bob2 = store.connect("bob")) {
                assertThat(alice.hasConnection("bob")).isTrue(); // still the old one, not yet noticed
                alice.send("bob", Map.of("n", 2));
                assertThat(receive(bob2, 1)).extracting(m -> m.content().get("n").asInt()).containsExactly(2);
            }
        }
    }

    @Test
    void aReceiveAmongManyIdleConnectionsTakesWhatEachSentAndNoticesTheOnesThatEnded() {
        List<Client> others = new ArrayList<>();
        try (ConnectionClient bob = (ConnectionClient) store.connect("bob")) {
            for (int i = 0; i < 20; i++) {
                Client c = store.connect("p" + i);
                others.add(c);
                c.send("bob", Map.of("i", i));
            }
            assertThat(receive(bob, 20)).extracting(m -> m.content().get("i").asInt())
                    .containsExactlyInAnyOrderElementsOf(java.util.stream.IntStream.range(0, 20).boxed().toList());
            assertThat(bob.connections()).hasSize(20);
            others.get(7).send("bob", Map.of("again", 7));
            assertThat(receive(bob, 1)).extracting(m -> m.content().get("again").asInt()).containsExactly(7);
            bob.send("p3", Map.of("reply", 3));
            assertThat(receive(others.get(3), 1)).hasSize(1);
            others.remove(5).close();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (bob.hasConnection("p5") && System.nanoTime() < deadline) {
                bob.awaitMessages(Duration.ofMillis(50));
            }
            assertThat(bob.connections()).hasSize(19).doesNotContain("p5");
        } finally {
            others.forEach(Client::close);
        }
    }

    @Test
    void aReceiveWhileAnotherThreadWaitsStillTakesWhatArrived() throws Exception {
        try (Client alice = store.connect("alice"); Client bob = store.connect("bob")) {
            alice.send("bob", Map.of("n", 0));
            assertThat(receive(bob, 1)).hasSize(1);
            CompletableFuture<List<Message>> waiter = CompletableFuture.supplyAsync(
                    () -> bob.awaitMessages(Duration.ofSeconds(1)));
            List<Message> mine = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            alice.send("bob", Map.of("n", 1));
            while (mine.isEmpty() && !waiter.isDone() && System.nanoTime() < deadline) {
                mine.addAll(bob.receive());
            }
            List<Message> all = new ArrayList<>(mine);
            all.addAll(waiter.get(10, TimeUnit.SECONDS));
            all.addAll(bob.receive());
            assertThat(all).extracting(m -> m.content().get("n").asInt()).containsExactly(1);
        }
    }

    @Test
    void connectionsCanBeClosedByHandOrWhenIdle() {
        try (ConnectionClient alice = (ConnectionClient) store.connect("alice");
                ConnectionClient bob = (ConnectionClient) store.connect("bob");
                ConnectionClient carol = (ConnectionClient) store.connect("carol")) {
            alice.send("bob", Map.of("n", 1));
            alice.send("carol", Map.of("n", 1));
            assertThat(receive(carol, 1)).hasSize(1);
            assertThat(alice.connections()).containsExactly("bob", "carol");
            assertThat(alice.disconnectConnection("bob")).isTrue();
            assertThat(alice.disconnectConnection("bob")).isFalse();
            assertThat(alice.closeIdleConnections(Duration.ofHours(1))).isZero();
            assertThat(alice.closeIdleConnections(Duration.ZERO)).isEqualTo(1);
            assertThat(alice.connections()).isEmpty();
            alice.send("bob", Map.of("n", 2));
            assertThat(receive(bob, 2)).hasSize(2);
        }
    }

    @Test
    void aStalledReceiverMakesTrySendQueueAndABlockingSendFinishesTheBacklogFirst() throws Exception {
        try (Client alice = store.connect("alice"); Client bob = store.connect("bob")) {
            String pad = "p".repeat(100_000);
            int sent = 0;
            SendOutcome outcome;
            do {
                outcome = alice.trySend("bob", Map.of("seq", sent, "pad", pad));
                sent++;
            } while (outcome == SendOutcome.DELIVERED && sent < 10_000);
            assertThat(outcome).isEqualTo(SendOutcome.QUEUED);
            assertThat(alice.trySend("bob", Map.of("seq", sent, "pad", pad))).isEqualTo(SendOutcome.QUEUED);
            sent++;
            assertThat(alice.pendingSendsTo("bob")).isEqualTo(2);
            CompletableFuture<Message> blocking = new CompletableFuture<>();
            Thread t = new Thread(() -> {
                try {
                    blocking.complete(alice.send("bob", Map.of("seq", -1)));
                } catch (RuntimeException e) {
                    blocking.completeExceptionally(e);
                }
            });
            t.start();
            List<Message> got = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (got.size() < sent + 1 && System.nanoTime() < deadline) {
                got.addAll(bob.awaitMessages(Duration.ofMillis(200)));
            }
            blocking.get(10, TimeUnit.SECONDS);
            List<Integer> seqs = new ArrayList<>();
            got.forEach(m -> seqs.add(m.content().get("seq").asInt()));
            assertThat(seqs).hasSize(sent + 1);
            assertThat(seqs.subList(0, sent)).isSorted();
            assertThat(seqs.get(sent)).isEqualTo(-1);
            assertThat(alice.pendingSends()).isZero();
            assertThat(alice.stats().sent()).containsEntry("bob", (long) sent + 1);
        }
    }

    @Test
    void aStaleListeningSocketOfADeadClientRefusesClearlyAndAFreshConnectReapsIt() throws Exception {
        Path route = Path.of(store.route());
        try (java.nio.channels.ServerSocketChannel ghost =
                java.nio.channels.ServerSocketChannel.open(java.net.StandardProtocolFamily.UNIX)) {
            ghost.bind(java.net.UnixDomainSocketAddress.of(route.resolve("ghost")));
        }
        long dead = UnixSocketClientTest.deadPid();
        Files.writeString(route.resolve("ghost.pid"), Long.toString(dead));
        try (ConnectionClient alice = (ConnectionClient) store.connect("alice")) {
            assertThat(alice.peerIsListener("ghost")).isTrue();
            assertThatThrownBy(() -> alice.send("ghost", Map.of("x", 1)))
                    .isInstanceOf(dev.ipcm.PeerGoneException.class)
                    .hasMessageContaining("connection refused")
                    .hasMessageContaining("pid " + dead + ", not running");
            assertThat(alice.hasConnection("ghost")).isFalse();
            try (Client ghost = store.connect("ghost")) {
                alice.send("ghost", Map.of("welcome", 1));
                assertThat(receive(ghost, 1)).hasSize(1);
            }
        }
    }

    @Test
    void suspendAndBadParametersAreRefused() {
        try (Client alice = store.connect("alice")) {
            assertThatThrownBy(alice::suspend).isInstanceOf(NotSupportedException.class)
                    .hasMessageContaining("ConnectionUnix");
        }
        assertThatThrownBy(() -> store.connect("x", Map.of("listen", "maybe")))
                .isInstanceOf(IpcmException.class).hasMessageContaining("'maybe'");
        assertThatThrownBy(() -> store.connect("y", Map.of("backlog", "-3")))
                .isInstanceOf(IpcmException.class).hasMessageContaining("'-3'");
    }

    static List<Message> receive(Client c, int n) {
        List<Message> got = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (got.size() < n && System.nanoTime() < deadline) {
            got.addAll(c.awaitMessages(Duration.ofMillis(500)));
        }
        return got;
    }
}
