package dev.ipcm.protocol.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ipcm.Client;
import dev.ipcm.Ipcm;
import dev.ipcm.SpawnOptions;
import dev.ipcm.Store;
import dev.ipcm.StoreGoneException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A store deleted under its clients is a {@link StoreGoneException} on every directory store, for receive and send alike. */
class StoreDeletedTest {
    @ParameterizedTest
    @ValueSource(strings = {"MessageFiles", "AtomicPipe", "UnixSocket", "ConnectionUnix"})
    void receiveAndSendReportADeletedStore(String protocol) throws Exception {
        Store store = Ipcm.spawn(SpawnOptions.defaults().protocol(protocol).guard(false));
        Client a = store.connect("a");
        Client b = store.connect("b");
        try {
            a.send("b", Map.of("n", 1));
            assertThat(b.awaitMessages(Duration.ofSeconds(10))).hasSize(1);
            b.send("a", Map.of("n", 2)); // a connection both ways, where the protocol has them
            assertThat(a.awaitMessages(Duration.ofSeconds(10))).hasSize(1);
            Sidecars.deleteTree(Path.of(store.route()));
            assertThatThrownBy(b::receive).isInstanceOf(StoreGoneException.class)
                    .hasMessageContaining(store.route());
            assertThatThrownBy(() -> b.awaitMessages(Duration.ofMillis(100))).isInstanceOf(StoreGoneException.class);
            // A cached connection learns of the deletion from the directory watch, which reports
            // shortly after the change: sends until then may still be delivered.
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
            StoreGoneException gone = null;
            while (gone == null && System.nanoTime() < deadline) {
                try {
                    a.send("b", Map.of("n", 3));
                    Thread.onSpinWait();
                } catch (StoreGoneException e) {
                    gone = e;
                }
            }
            assertThat(gone).isNotNull();
            assertThat(gone.getMessage()).contains(store.route());
        } finally {
            a.disconnect(m -> { });
            b.disconnect(m -> { });
        }
    }
}
