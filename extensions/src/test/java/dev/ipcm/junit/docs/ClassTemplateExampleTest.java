package dev.ipcm.junit.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ipcm.Capability;
import dev.ipcm.Client;
import dev.ipcm.Store;
import dev.ipcm.junit.ClientName;
import dev.ipcm.junit.IpcmTest;
import dev.ipcm.junit.RequiresCapability;
import java.time.Duration;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

// The whole class runs once per protocol; every test still gets a fresh store.
@IpcmTest
class ClassTemplateExampleTest {
    @ParameterizedTest
    @ValueSource(ints = {0, 1, 1000})
    void carriesNumbers(int n, Client sender, Client receiver) {
        sender.send(receiver.name(), n);
        assertThat(receiver.awaitMessages(Duration.ofSeconds(5)))
                .extracting(m -> m.content().asInt()).containsExactly(n);
    }

    @Nested
    class Suspending {
        @Test
        @RequiresCapability(Capability.SUSPEND) // skipped, with the reason, elsewhere
        void keepsMailWhileAway(Store store, @ClientName("away") Client away, Client friend) {
            away.suspend();
            friend.send("away", "while you were out");
            Client back = store.reconnect("away");
            assertThat(back.awaitMessages(Duration.ofSeconds(5))).hasSize(1);
        }
    }
}
