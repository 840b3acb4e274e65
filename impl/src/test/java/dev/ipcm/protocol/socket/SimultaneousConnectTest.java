package dev.ipcm.protocol.socket;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ipcm.Client;
import dev.ipcm.Ipcm;
import dev.ipcm.Message;
import dev.ipcm.SpawnOptions;
import dev.ipcm.Store;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Two ConnectionUnix clients that send to each other before either has heard from the other each
 * open a connection; when each then accepts the other's, they must go on with connections that
 * both ends keep: messages sent after that arrive, in both directions.
 */
class SimultaneousConnectTest {
    @Test
    void crossingConnectionsKeepCarryingMessagesBothWays() {
        try (Store store = Ipcm.spawn(SpawnOptions.defaults().protocol("ConnectionUnix"));
                Client a = store.connect("a");
                Client b = store.connect("b")) {
            a.send("b", Map.of("i", 0));
            b.send("a", Map.of("i", 0));
            assertThat(receive(b, 1)).as("a to b, first").containsExactly(0);
            assertThat(receive(a, 1)).as("b to a, first").containsExactly(0);

            a.send("b", Map.of("i", 1));
            b.send("a", Map.of("i", 1));
            assertThat(receive(b, 1)).as("a to b, after both connections were seen").containsExactly(1);
            assertThat(receive(a, 1)).as("b to a, after both connections were seen").containsExactly(1);
        }
    }

    private static List<Integer> receive(Client c, int want) {
        List<Integer> got = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (got.size() < want && System.nanoTime() < deadline) {
            for (Message m : c.awaitMessages(Duration.ofMillis(200))) {
                got.add(m.content().get("i").asInt());
            }
        }
        return got;
    }
}
