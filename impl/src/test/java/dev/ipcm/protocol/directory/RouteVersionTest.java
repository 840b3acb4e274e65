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
 * A receive looks for the resume file only when the route directory changed or the client
 * requeued since it was last found absent: whatever the reason it appears, it is still delivered.
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
