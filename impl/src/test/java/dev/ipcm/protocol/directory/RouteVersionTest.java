package dev.ipcm.protocol.directory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ipcm.Client;
import dev.ipcm.Ipcm;
import dev.ipcm.Message;
import dev.ipcm.SpawnOptions;
import dev.ipcm.Store;
import dev.ipcm.serial.Serializers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a client keeps while the route directory is unchanged is looked up again once it changes: a
 * receive looks for the resume file only when the route changed or the client requeued since it was
 * last found absent, and a peer's recorded pid is read again once its pidfile is replaced or removed.
 */
class RouteVersionTest {
    @ParameterizedTest
    @ValueSource(strings = {"MessageFiles", "UnixSocket", "ConnectionUnix"})
    void aResumeFileThatAppearsWhileConnectedIsStillDelivered(String protocol) throws Exception {
        try (Store store = Ipcm.spawn(SpawnOptions.defaults().protocol(protocol).peerTimeout(Duration.ofSeconds(5)));
                Client bob = store.connect("bob")) {
            assertThat(bob.receive()).isEmpty();
            assertThat(bob.hasReadyMessages()).isFalse();
            Message m = Message.builder("alice").to("bob").content(1).build();
            Path route = Path.of(store.route());
            new ResumeFile(route.resolve("bob.resume"), route.resolve("_bob.resume.corrupt"), Serializers.byName("JSON"))
                    .append(List.of(m));
            List<Message> got = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (got.isEmpty() && System.nanoTime() < deadline) {
                got.addAll(bob.awaitMessages(Duration.ofMillis(100)));
            }
            assertThat(got).containsExactly(m);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"MessageFiles", "AtomicPipe", "UnixSocket", "ConnectionUnix", "MessageFiles-NoInotify"})
    void aPeersPidIsReadAgainOnceItsPidfileIsReplacedOrRemoved(String protocol) throws Exception {
        SpawnOptions options = SpawnOptions.defaults().protocol(protocol).peerTimeout(Duration.ofSeconds(5));
        try (Store store = Ipcm.spawn(options); Client alice = store.connect("alice")) {
            Client bob = store.connect("bob");
            long own = ProcessHandle.current().pid();
            assertThat(alice.peerPid("bob")).hasValue(own);
            assertThat(alice.peerPid("bob")).hasValue(own);
            // Replaced as both implementations write it: aside, then renamed over the old one.
            Path pidfile = Path.of(store.route(), "bob.pid");
            Path pend = Path.of(store.route(), "bob.pid.pend");
            java.nio.file.Files.writeString(pend, "1");
            java.nio.file.Files.move(pend, pidfile, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            awaitPid(alice, java.util.OptionalLong.of(1));
            java.nio.file.Files.writeString(pend, Long.toString(own));
            java.nio.file.Files.move(pend, pidfile, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            awaitPid(alice, java.util.OptionalLong.of(own));
            bob.disconnect();
            awaitPid(alice, java.util.OptionalLong.empty());
        }
    }

    private static void awaitPid(Client client, java.util.OptionalLong expected) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!client.peerPid("bob").equals(expected) && System.nanoTime() < deadline) {
            java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
        assertThat(client.peerPid("bob")).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"MessageFiles", "UnixSocket", "ConnectionUnix"})
    void requeuedMessagesComeBackOnTheNextReceiveOnce(String protocol) {
        try (Store store = Ipcm.spawn(SpawnOptions.defaults().protocol(protocol).peerTimeout(Duration.ofSeconds(5)));
                Client bob = store.connect("bob")) {
            assertThat(bob.receive()).isEmpty();
            Message m = Message.builder("alice").to("bob").content(1).build();
            bob.requeue(List.of(m));
            assertThat(bob.hasReadyMessages()).isTrue();
            assertThat(bob.receive()).containsExactly(m);
            assertThat(bob.receive()).isEmpty();
            assertThat(bob.hasReadyMessages()).isFalse();
        }
    }
}
