package dev.ipcm.protocol.pipe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ipcm.Client;
import dev.ipcm.Ipcm;
import dev.ipcm.Message;
import dev.ipcm.NotSupportedException;
import dev.ipcm.PeerGoneException;
import dev.ipcm.SendOutcome;
import dev.ipcm.SpawnOptions;
import dev.ipcm.Store;
import dev.ipcm.os.FileType;
import dev.ipcm.os.Fd;
import dev.ipcm.os.Os;
import java.nio.charset.StandardCharsets;
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

class AtomicPipeClientTest {
    private Store store;

    @BeforeEach
    void spawn() {
        store = Ipcm.spawn(SpawnOptions.defaults().protocol("AtomicPipe").peerTimeout(Duration.ofSeconds(5)));
    }

    @AfterEach
    void shutdown() {
        store.close();
    }

    @Test
    void eachClientHasAPrivateFifoAndMessagesOfAnySizeArriveWhole() throws Exception {
        try (Client alice = store.connect("alice"); Client bob = store.connect("bob")) {
            Path fifo = Path.of(store.route(), "bob");
            assertThat(FileType.of(fifo)).isEqualTo(FileType.FIFO);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(fifo))).startsWith("rwx").endsWith("------");
            String big = "x".repeat(1_000_000);
            alice.send("bob", Map.of("n", 1));
            alice.send("bob", Map.of("big", big));
            alice.send("bob", Map.of("n", 3));
            List<Message> got = receive(bob, 3);
            assertThat(got).extracting(m -> m.content().has("big") ? "big" : m.content().get("n").asText())
                    .containsExactly("1", "big", "3");
            assertThat(got.get(1).content().get("big").asText()).isEqualTo(big);
            assertThat(alice.stats().sent()).containsEntry("bob", 3L);
        }
    }

    @Test
    void aClientGivesBackItsDescriptorsWhenClosedAndWhenItsConnectIsRefused() throws Exception {
        // Each client holds its FIFO's reader and the eventfd its waits poll beside it.
        try (Client first = store.connect("first")) {
            first.wakeUp(); // a wake-up nobody waited for is only counted
        }
        long before = openDescriptors();
        for (int i = 0; i < 20; i++) {
            try (Client c = store.connect("c" + i)) {
                assertThat(c.wakeUp()).isTrue();
                assertThat(c.awaitMessages(Duration.ofSeconds(5))).isEmpty();
            }
        }
        try (Client taken = store.connect("taken")) {
            for (int i = 0; i < 20; i++) {
                assertThatThrownBy(() -> store.connect("taken")).isInstanceOf(dev.ipcm.IpcmException.class);
            }
        }
        assertThat(openDescriptors()).isLessThanOrEqualTo(before);
    }

    private static long openDescriptors() throws Exception {
        try (java.util.stream.Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        }
    }

    @Test
    void suspendIsRefusedAndTheClientKeepsWorking() {
        try (Client alice = store.connect("alice"); Client bob = store.connect("bob")) {
            assertThatThrownBy(alice::suspend).isInstanceOf(NotSupportedException.class).hasMessageContaining("AtomicPipe");
            alice.send("bob", Map.of("still", "here"));
            assertThat(receive(bob, 1)).hasSize(1);
        }
    }

    @Test
    void aFifoWithoutReaderGivesPeerGoneInsteadOfBlocking() throws Exception {
        long dead = deadPid();
        Path route = Path.of(store.route());
        Os.get().mkfifo(route.resolve("ghost"), 0700);
        Files.writeString(route.resolve("ghost.pid"), Long.toString(dead));
        try (Client alice = store.connect("alice")) {
            assertThatThrownBy(() -> alice.send("ghost", Map.of("x", 1)))
                    .isInstanceOf(PeerGoneException.class)
                    .hasMessageContaining("'ghost'")
                    .hasMessageContaining("no process has it open for reading")
                    .hasMessageContaining("pid " + dead + ", not running");
            assertThatThrownBy(() -> alice.trySend("ghost", Map.of("x", 1))).isInstanceOf(PeerGoneException.class);
            assertThat(alice.peers()).doesNotContain("ghost");
            assertThat(alice.peerLeft()).isEqualTo(1);
            assertThat(Files.exists(route.resolve("ghost"))).isFalse();
        }
    }

    @Test
    void aStalledReaderMakesTrySendQueueAndEverythingArrivesOnceItReads() throws Exception {
        try (Client alice = store.connect("alice"); Client bob = store.connect("bob")) {
            String chunk = "y".repeat(60_000);
            int sent = 0;
            SendOutcome outcome;
            do {
                outcome = alice.trySend("bob", Map.of("seq", sent, "pad", chunk));
                sent++;
            } while (outcome == SendOutcome.DELIVERED && sent < 1000);
            assertThat(outcome).isEqualTo(SendOutcome.QUEUED);
            // The reader raised its pipe to pipe-max-size (1 MiB by default), far above the 64 KiB default.
            assertThat((sent - 1) * 60_000L).isGreaterThan(256 * 1024);
            for (int i = 0; i < 3; i++) {
                assertThat(alice.trySend("bob", Map.of("seq", sent, "pad", chunk))).isEqualTo(SendOutcome.QUEUED);
                sent++;
            }
            assertThat(alice.pendingSendsTo("bob")).isEqualTo(4);
            assertThat(alice.pendingSends()).isEqualTo(4);
            long countedBefore = alice.stats().sent().getOrDefault("bob", 0L);
            assertThat(countedBefore).isEqualTo(sent - 4);
            // A blocking send from another thread must first finish the backlog, then its own message.
            CompletableFuture<Message> blocking = CompletableFuture.supplyAsync(() -> alice.send("bob", Map.of("seq", -1)));
            List<Message> got = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (got.size() < sent + 1 && System.nanoTime() < deadline) {
                got.addAll(bob.awaitMessages(Duration.ofMillis(200)));
                alice.drainPending();
            }
            blocking.get(10, TimeUnit.SECONDS);
            assertThat(got).hasSize(sent + 1);
            List<Integer> seqs = new ArrayList<>();
            got.forEach(m -> seqs.add(m.content().get("seq").asInt()));
            assertThat(seqs.subList(0, sent)).isSorted();
            assertThat(seqs.get(sent)).isEqualTo(-1);
            assertThat(alice.pendingSends()).isZero();
            // Queued messages count as sent when they finally go out (the reference never counted them:
            // docs/protocols/kernel-transports.md, "Decisions on the reference's defects").
            assertThat(alice.stats().sent()).containsEntry("bob", (long) sent + 1);
        }
    }

    @Test
    void peerLeftDropsTheHalfMessageOfAWriterThatDied() throws Exception {
        try (Client alice = store.connect("alice"); Client bob = store.connect("bob")) {
            int dead = (int) deadPid();
            List<byte[]> chunks = ChunkFraming.chunks(new byte[9_000], dead, 0);
            try (Fd fd = Os.get().open(Path.of(store.route(), "bob"), Fd.O_WRONLY | Fd.O_NONBLOCK, 0)) {
                assertThat(fd.write(chunks.get(0), 0, chunks.get(0).length)).isEqualTo(4096);
                assertThat(fd.write(chunks.get(1), 0, chunks.get(1).length)).isEqualTo(4096);
            }
            alice.send("bob", Map.of("whole", true));
            assertThat(receive(bob, 1)).extracting(m -> m.content().get("whole").asBoolean()).containsExactly(true);
            assertThat(bob.hasPendingMessages()).isFalse(); // the dead writer's half is not "on its way"
            assertThat(((AtomicPipeClient) bob).partialWriters()).containsExactly(dead);
            bob.peerLeft();
            assertThat(((AtomicPipeClient) bob).partialWriters()).isEmpty();
        }
    }

    @Test
    void aFifoReplacedUnderACachedWriterIsNoticedBeforeAMessageGoesIntoTheOldOne() throws Exception {
        try (Client alice = store.connect("alice")) {
            Client bob = store.connect("bob");
            alice.send("bob", Map.of("n", 1));
            assertThat(receive(bob, 1)).hasSize(1);
            // Someone still holds the old FIFO open for reading, so a write into it would not even fail.
            try (Fd oldReader = Os.get().open(Path.of(store.route(), "bob"), Fd.O_RDWR | Fd.O_NONBLOCK, 0)) {
                bob.close();
                try (Client bob2 = store.connect("bob")) {
                    alice.send("bob", Map.of("n", 2));
                    assertThat(receive(bob2, 1)).extracting(m -> m.content().get("n").asInt()).containsExactly(2);
                    assertThat(oldReader.read(new byte[4096], 0, 4096)).isZero();
                }
            }
            assertThatThrownBy(() -> alice.send("bob", Map.of("n", 3))).isInstanceOf(dev.ipcm.NoSuchPeerException.class);
        }
    }

    @Test
    void aPeerThatLeftIsNoLongerAReceiverForACachedWriter() {
        try (Client alice = store.connect("alice")) {
            Client bob = store.connect("bob");
            alice.send("bob", Map.of("n", 1));
            assertThat(receive(bob, 1)).hasSize(1);
            bob.close();
            assertThatThrownBy(() -> alice.send("bob", Map.of("n", 2))).isInstanceOf(dev.ipcm.NoSuchPeerException.class)
                    .hasMessageContaining("'bob'");
            assertThatThrownBy(() -> alice.trySend("bob", Map.of("n", 2))).isInstanceOf(dev.ipcm.NoSuchPeerException.class);
        }
    }

    /** The {@code permissions} parameter is the FIFO's mode (masked by the umask, which never takes owner bits). */
    @Test
    void thePermissionsParameterIsTheModeOfTheFifo() throws Exception {
        try (Client reader = store.connect("reader", Map.of("permissions", "0600"));
                Client other = store.connect("other", Map.of("permissions", "0640"));
                Client plain = store.connect("plain")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(Path.of(store.route(), "reader"))))
                    .isEqualTo("rw-------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(Path.of(store.route(), "other"))))
                    .startsWith("rw-").endsWith("---").isIn("rw-r-----", "rw-------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(Path.of(store.route(), "plain"))))
                    .isEqualTo("rwx------");
            plain.send("reader", "through a 0600 FIFO");
            assertThat(receive(reader, 1)).extracting(m -> m.content().asText()).containsExactly("through a 0600 FIFO");
        }
    }

    @Test
    void aBadPermissionsParameterIsRefusedWithItsValue() {
        assertThatThrownBy(() -> store.connect("carol", Map.of("permissions", "rwx")))
                .isInstanceOf(dev.ipcm.IpcmException.class)
                .hasMessageContaining("'rwx'")
                .hasMessageContaining("octal");
    }

    @Test
    void garbageWrittenIntoAFifoIsSetAsideAndLaterMessagesStillArrive() throws Exception {
        try (Client alice = store.connect("alice"); Client bob = store.connect("bob")) {
            byte[] notJson = "not json at all".getBytes(StandardCharsets.US_ASCII);
            byte[] chunk = ChunkFraming.chunks(notJson, (int) Os.get().pid(), 999).get(0);
            try (Fd fd = Os.get().open(Path.of(store.route(), "bob"), Fd.O_WRONLY | Fd.O_NONBLOCK, 0)) {
                fd.write(chunk, 0, chunk.length);
            }
            alice.send("bob", Map.of("ok", 1));
            assertThat(receive(bob, 1)).hasSize(1);
            assertThat(bob.takeCorruptMessages()).singleElement()
                    .satisfies(e -> assertThat(e.getMessage()).contains("15 bytes"));
        }
    }

    @Test
    void junkWrittenIntoAFifoBetweenMessagesCostsOnlyTheJunk() throws Exception {
        try (Client alice = store.connect("alice"); Client bob = store.connect("bob")) {
            try (Fd fd = Os.get().open(Path.of(store.route(), "bob"), Fd.O_WRONLY | Fd.O_NONBLOCK, 0)) {
                for (int i = 0; i < 20; i++) {
                    alice.send("bob", Map.of("i", i));
                    byte[] junk = i % 2 == 0 ? "some junk, not a chunk".getBytes(StandardCharsets.US_ASCII)
                            : new byte[7 + i];
                    fd.write(junk, 0, junk.length);
                }
            }
            alice.send("bob", Map.of("i", 20));
            assertThat(receive(bob, 21)).extracting(m -> m.content().get("i").asInt())
                    .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(0, 20).boxed().toList());
            assertThat(bob.takeCorruptMessages()).isNotEmpty()
                    .allSatisfy(e -> assertThat(e.getMessage()).contains("no chunk"));
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
