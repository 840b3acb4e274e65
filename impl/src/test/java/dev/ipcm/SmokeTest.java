package dev.ipcm;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SmokeTest {
    @Test
    void localMemoryRoundTrip() {
        try (Store store = Ipcm.spawn(SpawnOptions.defaults().protocol("LocalMemory").sanityCheck(true))) {
            Client a = store.connect("alice");
            Client b = Ipcm.connect("bob", store.info());
            a.send("bob", Map.of("hello", "w\u00e9rld"));
            List<Message> got = b.awaitMessages(Duration.ofSeconds(5));
            assertThat(got).hasSize(1);
            assertThat(got.get(0).content().get("hello").asText()).isEqualTo("w\u00e9rld");
            assertThat(a.peers()).containsExactly("bob");
            a.close();
            b.close();
        }
    }
}
