package dev.ipcm.protocol.socket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ipcm.Client;
import dev.ipcm.InvalidNameException;
import dev.ipcm.Ipcm;
import dev.ipcm.Message;
import dev.ipcm.MessageTooLargeException;
import dev.ipcm.NotSupportedException;
import dev.ipcm.PeerGoneException;
import dev.ipcm.SendOutcome;
import dev.ipcm.SpawnOptions;
import dev.ipcm.Store;
import dev.ipcm.os.FileType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsclub.net.unix.AFUNIXDatagramChannel;
import org.newsclub.net.unix.AFUNIXSocketAddress;

class UnixSocketClientTest {
    private Store store;

    @BeforeEach
    void spawn() {
        store = Ipcm.spawn(SpawnOptions.defaults().protocol("UnixSocket").peerTimeout(Duration.ofSeconds(5)));
    }

    @AfterEach
    void shutdown() {
        store.close();
    }

    @Test
    void oneDatagramPerMessageUpToTheLimit() {
        try (Client alice = store.connect("alice"); Client bob = store.connect("bob")) {
            assertThat(FileType.of(Path.of(store.route(), "bob"))).isEqualTo(FileType.SOCKET);
            String nearLimit = "z".repeat(65_000);
            alice.send("bob", Map.of("n", 1));
            alice.send("bob", Map.of("pad", nearLimit));
            List<Message> got = receive(bob, 2);
            assertThat(got).hasSize(2);
            assertThat(got.get(1).content().get("pad").asText()).isEqualTo(nearLimit);
        }
    }

    @Test
    void aPayloadOverTheDatagramLimitIsRefusedNamingTheLimitAndNothingIsSent() {
        try (Client alice = store.connect("alice"); Client bob = store.connect("bob")) {
            assertThatThrownBy(() -> alice.send("bob", Map.of("pad", "q".repeat(70_000))))
                    .isInstanceOf(MessageTooLargeException.class)
                    .hasMessageContaining("65536");
            assertThatThrownBy(() -> alice.trySend("bob", Map.of("pad", "q".repeat(70_000))))
                    .isInstanceOf(MessageTooLargeException.class);
            assertThat(alice.stats().sent()).doesNotContainKey("bob");
            alice.send("bob", Map.of("after", 1));
            assertThat(receive(bob, 1)).hasSize(1);
        }
    }

    @Test
    void anOversizedDatagramFromAnotherWriterIsSetAsideNotWedging() throws Exception {
        try (Client alice = store.connect("alice"); Client bob = store.connect("bob");
                AFUNIXDatagramChannel rogue = AFUNIXDatagramChannel.open()) {
            rogue.connect(AFUNIXSocketAddress.of(Path.of(store.route(), "bob")));
            rogue.write(java.nio.ByteBuffer.wrap(new byte[70_000]));
            alice.send("bob", Map.of("fine", 1));
            assertThat(receive(bob, 1)).hasSize(1);
            assertThat(bob.takeCorruptMessages()).singleElement()
                    .satisfies(e -> assertThat(e.getMessage()).contains("65536"));
        }
    }

    @Test
    void aStaleSocketOfADeadClientRefusesClearlyAndAFreshConnectReapsIt() throws Exception {
        Path route = Path.of(store.route());
        try (AFUNIXDatagramChannel ghost = AFUNIXDatagramChannel.open()) {
            ghost.setDeleteOnClose(false);
            ghost.bind(AFUNIXSocketAddress.of(route.resolve("ghost")));
        }
        long dead = deadPid();
        Files.writeString(route.resolve("ghost.pid"), Long.toString(dead));
        try (Client alice = store.connect("alice")) {
            assertThat(alice.peerExists("ghost")).isTrue();
            assertThat(alice.peers()).doesNotContain("ghost");
            assertThatThrownBy(() -> alice.send("ghost", Map.of("x", 1)))
                    .isInstanceOf(PeerGoneException.class)
                    .hasMessageContaining("'ghost'")
                    .hasMessageContaining("connection refused")
                    .hasMessageContaining("pid " + dead + ", not running");
            try (Client ghost = store.connect("ghost")) {
                alice.send("ghost", Map.of("welcome", 1));
                assertThat(receive(ghost, 1)).hasSize(1);
            }
        }
    }

    @Test
    void aCachedPeerThatLeftIsNoSuchPeerAndOneThatCameBackUnderItsNameGetsTheMessage() {
        try (Client alice = store.connect("alice")) {
            Client bob = store.connect("bob");
            alice.send("bob", Map.of("n", 1));
            assertThat(receive(bob, 1)).hasSize(1);
            bob.close();
            // At once, before any directory event could have reached alice: the refused send looks again.
            assertThatThrownBy(() -> alice.send("bob", Map.of("n", 2)))
                    .isInstanceOf(dev.ipcm.NoSuchPeerException.class)
                    .hasMessageContaining("'bob'");
            assertThatThrownBy(() -> alice.trySend("bob", Map.of("n", 2)))
                    .isInstanceOf(dev.ipcm.NoSuchPeerException.class);
            try (Client bob2 = store.connect("bob")) {
                alice.send("bob", Map.of("n", 3));
                assertThat(receive(bob2, 1)).extracting(m -> m.content().get("n").asInt()).containsExactly(3);
                bob2.send("alice", Map.of("back", 1));
                assertThat(receive(alice, 1)).hasSize(1);
            }
            assertThat(alice.stats().sent()).containsEntry("bob", 2L);
        }
    }

    @Test
    void aCachedPeerWhoseSocketClosedWithoutLeavingIsPeerGone() throws Exception {
        Path route = Path.of(store.route());
        long dead = deadPid();
        try (Client alice = store.connect("alice")) {
            try (AFUNIXDatagramChannel ghost = AFUNIXDatagramChannel.open()) {
                ghost.setDeleteOnClose(false);
                ghost.bind(AFUNIXSocketAddress.of(route.resolve("ghost")));
                Files.writeString(route.resolve("ghost.pid"), Long.toString(dead));
                alice.send("ghost", Map.of("x", 1));
            }
            assertThatThrownBy(() -> alice.send("ghost", Map.of("x", 2)))
                    .isInstanceOf(PeerGoneException.class)
                    .hasMessageContaining("'ghost'")
                    .hasMessageContaining("pid " + dead + ", not running");
        }
    }

    @Test
    void aRouteTooLongForSocketPathsGivesAClearErrorNamingTheBudget(@TempDir Path tmp) throws Exception {
        Path deep = Files.createDirectories(tmp.resolve("d".repeat(20)));
        Store longStore = Ipcm.spawn(SpawnOptions.defaults().protocol("UnixSocket").param("dir", deep.toString()));
        try {
            int budget = 104 - longStore.route().length() - 2;
            assertThat(budget).isBetween(0, 41);
            assertThatThrownBy(() -> longStore.connect("n".repeat(60)))
                    .isInstanceOf(InvalidNameException.class)
                    .hasMessageContaining("budget (" + budget + " bytes)")
                    .hasMessageContaining("42 bytes");
        } finally {
            longStore.unspawn(); // its shutdown client could not connect either
        }
    }

    @Test
    void aLongNameIsHashedToFitTheSocketPath() {
        String longName = "n".repeat(150);
        try (Client alice = store.connect("alice"); Client longOne = store.connect(longName)) {
            alice.send(longName, Map.of("hi", 1));
            assertThat(receive(longOne, 1)).hasSize(1);
            assertThat(alice.peers()).contains(longName);
        }
    }

    @Test
    void aStalledReceiverMakesTrySendQueueAndDrainDeliversInOrder() {
        try (Client alice = store.connect("alice"); Client bob = store.connect("bob")) {
            String pad = "p".repeat(30_000);
            int sent = 0;
            SendOutcome outcome;
            do {
                outcome = alice.trySend("bob", Map.of("seq", sent, "pad", pad));
                sent++;
            } while (outcome == SendOutcome.DELIVERED && sent < 10_000);
            assertThat(outcome).isEqualTo(SendOutcome.QUEUED);
            assertThat(alice.pendingSendsTo("bob")).isEqualTo(1);
            List<Message> got = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while ((got.size() < sent || alice.pendingSends() > 0) && System.nanoTime() < deadline) {
                got.addAll(bob.awaitMessages(Duration.ofMillis(200)));
                alice.drainPending();
            }
            assertThat(got).extracting(m -> m.content().get("seq").asInt()).isSorted().hasSize(sent);
            assertThat(alice.stats().sent()).containsEntry("bob", (long) sent);
        }
    }

    @Test
    void suspendIsRefused() {
        try (Client alice = store.connect("alice")) {
            assertThatThrownBy(alice::suspend).isInstanceOf(NotSupportedException.class).hasMessageContaining("UnixSocket");
        }
    }

    static List<Message> receive(Client c, int n) {
        List<Message> got = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (got.size() < n && System.nanoTime() < deadline) {
            got.addAll(c.awaitMessages(Duration.ofMillis(500)));
        }
        return got;
    }

    static long deadPid() throws Exception {
        Process p = new ProcessBuilder("true").start();
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        return p.pid();
    }
}
