package dev.ipcm.protocol.fs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ipcm.Client;
import dev.ipcm.Ipcm;
import dev.ipcm.Message;
import dev.ipcm.SpawnOptions;
import dev.ipcm.Store;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** With JSON::Zstd the message, stats and resume files hold zstd frames, as the reference writes them. */
class MessageFilesZstdTest {
    private static final byte[] MAGIC = {0x28, (byte) 0xB5, 0x2F, (byte) 0xFD};

    @Test
    void messageStatsAndResumeFilesAreZstdFrames() throws Exception {
        Store store = Ipcm.spawn(SpawnOptions.defaults().protocol("MessageFiles").serializer("JSON::Zstd").guard(false));
        Path route = Path.of(store.route());
        try (Client a = store.connect("alpha"); Client b = store.connect("beta")) {
            Message m = a.send("beta", "compressed");
            assertThat(startsWithMagic(Files.readAllBytes(route.resolve("beta").resolve(m.id() + ".ready")))).isTrue();
            var got = b.awaitMessages(Duration.ofSeconds(10));
            assertThat(got).extracting(x -> x.content().asText()).containsExactly("compressed");
            b.requeue(got);
            byte[] resume = Files.readAllBytes(route.resolve("beta.resume"));
            assertThat(startsWithMagic(Arrays.copyOfRange(resume, 4, resume.length))).isTrue();
            assertThat(b.receive()).hasSize(1);
            a.writeStats();
            assertThat(startsWithMagic(Files.readAllBytes(route.resolve("alpha.stats")))).isTrue();
            assertThat(b.allStats().get("alpha").sent()).containsEntry("beta", 1L);
        } finally {
            store.unspawn();
        }
    }

    private static boolean startsWithMagic(byte[] bytes) {
        return bytes.length >= 4 && Arrays.equals(Arrays.copyOf(bytes, 4), MAGIC);
    }
}
