package dev.ipcm.protocol.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdDictTrainer;
import dev.ipcm.ContentException;
import dev.ipcm.internal.Json;
import dev.ipcm.serial.ZstdJsonSerializer;

import dev.ipcm.Client;
import dev.ipcm.Ipcm;
import dev.ipcm.Message;
import dev.ipcm.SpawnOptions;
import dev.ipcm.Store;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

    /**
     * A JSON::Zstd store with a dictionary: every frame names the dictionary, messages round-trip
     * through the store, and a serializer without the dictionary cannot read them.
     */
    @Test
    void aDictionaryIsUsedForEveryMessageAndNeededToReadIt(@TempDir Path dir) throws Exception {
        ZstdDictTrainer trainer = new ZstdDictTrainer(1 << 20, 16 * 1024);
        for (int i = 0; i < 2000; i++) {
            trainer.addSample(("{\"id\":\"" + i + "\",\"from\":\"alpha\",\"to\":\"beta\",\"content\":{\"order\":" + i * 7
                    + ",\"item\":\"widget-" + (i % 37) + "\",\"note\":\"" + "abcdefghij".substring(i % 10) + "\"}}")
                    .getBytes(StandardCharsets.US_ASCII));
        }
        byte[] dictionary = trainer.trainSamples();
        Path dictFile = dir.resolve("messages.dict");
        Files.write(dictFile, dictionary);
        String spec = Json.encodeToString(Json.mapper().createArrayNode().add("JSON::Zstd").add("dictionary").add(dictFile.toString()));

        Store store = Ipcm.spawn(SpawnOptions.defaults().protocol("MessageFiles").serializer(spec).guard(false));
        Path route = Path.of(store.route());
        try (Client a = store.connect("alpha"); Client b = store.connect("beta")) {
            assertThat(store.info()).contains("\"dictionary\"");
            Message m = a.send("beta", Map.of("order", 42, "item", "widget-5"));
            byte[] frame = Files.readAllBytes(route.resolve("beta").resolve(m.id() + ".ready"));
            assertThat(Zstd.getDictIdFromFrame(frame)).isEqualTo(Zstd.getDictIdFromDict(dictionary)).isNotZero();
            assertThatThrownBy(() -> new ZstdJsonSerializer().deserialize(frame)).isInstanceOf(ContentException.class);
            Client viaInfo = Ipcm.connect("gamma", store.info());
            viaInfo.close();
            var got = b.awaitMessages(Duration.ofSeconds(10));
            assertThat(got).singleElement().satisfies(x -> {
                assertThat(x.content().get("order").asInt()).isEqualTo(42);
                assertThat(x.content().get("item").asText()).isEqualTo("widget-5");
            });
        } finally {
            store.unspawn();
        }
    }

    private static boolean startsWithMagic(byte[] bytes) {
        return bytes.length >= 4 && Arrays.equals(Arrays.copyOf(bytes, 4), MAGIC);
    }
}
