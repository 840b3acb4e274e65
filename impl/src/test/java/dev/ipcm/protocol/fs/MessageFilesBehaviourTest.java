package dev.ipcm.protocol.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ipcm.Client;
import dev.ipcm.ContentException;
import dev.ipcm.CorruptMessageException;
import dev.ipcm.Ipcm;
import dev.ipcm.Message;
import dev.ipcm.NameTakenException;
import dev.ipcm.NoSuchPeerException;
import dev.ipcm.SpawnOptions;
import dev.ipcm.Store;
import dev.ipcm.StoreGoneException;
import dev.ipcm.protocol.directory.Sidecars;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** MessageFiles behaviour that the generic contract suite does not cover: corrupt files, vanished stores, killed peers. */
class MessageFilesBehaviourTest {
    private Store store;
    private Path route;

    @BeforeEach
    void spawn() {
        store = Ipcm.spawn(SpawnOptions.defaults().protocol("MessageFiles").serializer("JSON").guard(false));
        route = Path.of(store.route());
    }

    @AfterEach
    void unspawn() {
        store.unspawn();
    }

    @Test
    void anUndecodableFileIsSetAsideAndTheOthersAreDelivered() throws Exception {
        try (Client a = store.connect("alpha"); Client b = store.connect("beta")) {
            a.send("beta", "first");
            Path bad = route.resolve("beta").resolve("0123ABCD-0000-7000-8000-000000000000.ready");
            Files.writeString(bad, "{\"from\":\"alpha\",\"to\":\"beta\",\"content\":");
            Path noFrom = route.resolve("beta").resolve("0123ABCD-0000-7000-8000-000000000001.ready");
            Files.writeString(noFrom, "{\"to\":\"beta\",\"content\":1}");
            a.send("beta", "second");
            List<Message> got = receiveAtLeast(b, 2);
            assertThat(got).extracting(m -> m.content().asText()).containsExactly("first", "second");
            List<CorruptMessageException> corrupt = b.takeCorruptMessages();
            assertThat(corrupt).hasSize(2);
            assertThat(corrupt).extracting(Throwable::getMessage).anySatisfy(m -> assertThat(m)
                    .contains(bad.toString()).contains("0123ABCD-0000-7000-8000-000000000000.corrupt"));
            assertThat(bad).doesNotExist();
            assertThat(route.resolve("beta").resolve("0123ABCD-0000-7000-8000-000000000000.corrupt")).exists();
            assertThat(b.receive()).isEmpty();
            assertThat(b.takeCorruptMessages()).isEmpty();
        }
    }

    @Test
    void entriesThatAreNoRegularFilesAreSetAsideWithoutBlockingAReceiveOrADisconnect() throws Exception {
        Client a = store.connect("alpha");
        Client b = store.connect("beta");
        Path inbox = route.resolve("beta");
        dev.ipcm.os.Os.get().mkfifo(inbox.resolve("fifo.ready"), 0600);
        Files.createDirectories(inbox.resolve("dir.ready").resolve("inside"));
        Files.createDirectories(inbox.resolve("dir.corrupt").resolve("taken"));
        Files.createSymbolicLink(inbox.resolve("link.ready"), Path.of("/dev/zero"));
        a.send("beta", "first");
        a.send("beta", "second");
        // The deadline bounds a regression that blocks in open(2); the receive itself must not wait.
        List<Message> got = java.util.concurrent.CompletableFuture.supplyAsync(() -> receiveAtLeast(b, 2))
                .get(30, TimeUnit.SECONDS);
        assertThat(got).extracting(m -> m.content().asText()).containsExactly("first", "second");
        assertThat(b.takeCorruptMessages()).extracting(Throwable::getMessage)
                .anySatisfy(m -> assertThat(m).contains("fifo.ready").contains("not a regular file"))
                .anySatisfy(m -> assertThat(m).contains("dir.ready").contains("a directory"))
                .anySatisfy(m -> assertThat(m).contains("link.ready").contains("a symbolic link"))
                .hasSize(3);
        assertThat(inbox.resolve("fifo.corrupt")).exists();
        assertThat(inbox.resolve("dir.ready")).doesNotExist();
        assertThat(b.receive()).isEmpty();
        dev.ipcm.os.Os.get().mkfifo(inbox.resolve("late.ready"), 0600);
        java.util.concurrent.CompletableFuture.runAsync(b::close).get(30, TimeUnit.SECONDS);
        a.close();
    }

    @Test
    void aVanishedStoreDirectoryIsReportedAsGone() throws Exception {
        Client a = store.connect("alpha");
        Client b = store.connect("beta");
        Sidecars.deleteTree(route);
        assertThatThrownBy(() -> a.send("beta", 1)).isInstanceOf(StoreGoneException.class)
                .hasMessageContaining(route.toString()).hasMessageContaining("no longer exists");
        assertThatThrownBy(b::receive).isInstanceOf(StoreGoneException.class).hasMessageContaining(route.toString());
        assertThatThrownBy(a::peers).isInstanceOf(StoreGoneException.class);
        assertThatThrownBy(() -> store.connect("gamma")).isInstanceOf(StoreGoneException.class);
        assertThatThrownBy(() -> Ipcm.connect("gamma", store.info())).isInstanceOf(StoreGoneException.class);
        a.disconnect();
        b.disconnect();
        assertThat(a.isDisconnected()).isTrue();
    }

    @Test
    void sendingToAMissingOrDisconnectedPeerFailsClearly() {
        try (Client a = store.connect("alpha")) {
            assertThatThrownBy(() -> a.send("nobody", 1)).isInstanceOf(NoSuchPeerException.class)
                    .hasMessageContaining("'nobody' does not exist");
            store.connect("beta").disconnect();
            assertThatThrownBy(() -> a.send("beta", 1)).isInstanceOf(NoSuchPeerException.class);
        }
    }

    @Test
    void aMessageIdThatIsNotAFileNameIsRefusedBeforeAnythingIsWritten() throws Exception {
        try (Client a = store.connect("alpha"); Client b = store.connect("beta")) {
            Message evil = Message.builder("alpha").to("beta").id("../../escape").content(1).build();
            assertThatThrownBy(() -> a.send(evil)).isInstanceOf(ContentException.class)
                    .hasMessageContaining("'../../escape'");
            Message once = Message.builder("alpha").to("beta").content(1).build();
            a.send(once);
            assertThatThrownBy(() -> a.send(once)).isInstanceOf(ContentException.class).hasMessageContaining("already sent");
            try (var s = Files.list(route.getParent())) {
                assertThat(s.map(p -> p.getFileName().toString())).doesNotContain("escape.pend", "escape.ready");
            }
            assertThat(receiveAtLeast(b, 1)).hasSize(1);
        }
    }

    @Test
    void disconnectRenamesTheInboxSoNewSendersAreRefused() throws Exception {
        try (Client a = store.connect("alpha")) {
            Client b = store.connect("beta");
            a.send("beta", "drained");
            List<Message> handled = new ArrayList<>();
            b.disconnect(handled::addAll);
            assertThat(handled).extracting(m -> m.content().asText()).containsExactly("drained");
            assertThat(route.resolve("beta")).doesNotExist();
            assertThat(route.resolve("_beta")).doesNotExist();
            assertThat(store.connect("beta").peers()).containsExactly("alpha");
        }
    }

    @Test
    void disconnectCompletesWhenTheInboxWasRemovedBehindItsBack() throws Exception {
        Client b = store.connect("beta");
        Sidecars.deleteTree(route.resolve("beta"));
        b.disconnect();
        assertThat(b.isDisconnected()).isTrue();
        assertThat(route.resolve("beta.stats")).exists();
    }

    @Test
    void aStaleTearDownDirectoryDoesNotBlockDisconnect() throws Exception {
        Files.createDirectory(route.resolve("_beta"));
        Files.writeString(route.resolve("_beta").resolve("X.ready"), "{}");
        Client b = store.connect("beta");
        b.disconnect();
        assertThat(route.resolve("beta")).doesNotExist();
        assertThat(route.resolve("_beta").resolve("X.ready")).exists();
    }

    @Test
    void aKilledClientIsReapedByPeerLeftAndTakenOverWithItsMailByAFreshConnect() throws Exception {
        try (Client watcher = store.connect("watcher")) {
            Process first = FsChildren.start("hold", store.info(), "victim");
            Process second = FsChildren.start("hold", store.info(), "other");
            assertThat(watcher.awaitPeerActive("victim", Duration.ofSeconds(30))).isTrue();
            watcher.send("victim", "never read");
            assertThatThrownBy(() -> store.connect("victim")).isInstanceOf(NameTakenException.class);
            FsChildren.kill(first);
            FsChildren.kill(second);
            assertThat(watcher.peers()).doesNotContain("victim", "other");
            assertThat(watcher.peerExists("victim")).isTrue();
            assertThat(watcher.peerPid("victim")).hasValue(first.pid());
            assertThat(watcher.peerActive("victim")).isFalse();
            watcher.send("victim", "sent after the crash");
            try (Client again = store.connect("victim")) {
                // The fresh connect takes the dead registration over with the mail that waited (docs/decisions.md).
                assertThat(receiveAtLeast(again, 2)).extracting(m -> m.content().asText())
                        .containsExactly("never read", "sent after the crash");
                assertThat(watcher.peerPid("victim")).hasValue(again.pid());
            }
            assertThat(watcher.peerLeft()).isEqualTo(1);
            assertThat(route.resolve("other")).doesNotExist();
            assertThat(route.resolve("other.pid")).doesNotExist();
            assertThat(watcher.peerLeft()).isZero();
        }
    }

    @Test
    void aKilledReceiverReconnectsAndGetsTheMailThatWaited() throws Exception {
        try (Client sender = store.connect("sender")) {
            Process holder = FsChildren.start("hold", store.info(), "crashed");
            sender.send("crashed", "before the crash");
            FsChildren.kill(holder);
            sender.send("crashed", "after the crash");
            try (Client back = Ipcm.reconnect("crashed", store.info())) {
                assertThat(receiveAtLeast(back, 2)).extracting(m -> m.content().asText())
                        .containsExactly("before the crash", "after the crash");
                assertThat(back.stats().read()).containsEntry("sender", 2L);
            }
        }
    }

    static List<Message> receiveAtLeast(Client c, int n) {
        List<Message> got = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (got.size() < n && System.nanoTime() < deadline) {
            got.addAll(c.awaitMessages(Duration.ofNanos(Math.max(1, deadline - System.nanoTime()))));
        }
        assertThat(got).as("messages received within 30 s").hasSizeGreaterThanOrEqualTo(n);
        return got;
    }
}
