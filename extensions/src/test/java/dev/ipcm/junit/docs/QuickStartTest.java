package dev.ipcm.junit.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ipcm.Client;
import dev.ipcm.Message;
import dev.ipcm.junit.ClientName;
import dev.ipcm.junit.IpcmTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;

class QuickStartTest {
    // Runs once per protocol on the class path: [LocalMemory], [MessageFiles], [SQLite], ...
    @IpcmTest
    void bobHearsAlice(@ClientName("alice") Client alice, @ClientName("bob") Client bob) {
        alice.send("bob", Map.of("hello", "world"));

        List<Message> got = bob.awaitMessages(Duration.ofSeconds(5));

        assertThat(got).singleElement()
                .satisfies(m -> assertThat(m.content().get("hello").asText()).isEqualTo("world"));
    }
}
