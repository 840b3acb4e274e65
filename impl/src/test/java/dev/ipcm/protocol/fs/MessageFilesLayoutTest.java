package dev.ipcm.protocol.fs;

import static dev.ipcm.protocol.fs.FsTestSupport.mode;
import static dev.ipcm.protocol.fs.FsTestSupport.read;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ipcm.Client;
import dev.ipcm.Ipcm;
import dev.ipcm.Message;
import dev.ipcm.SpawnOptions;
import dev.ipcm.Store;
import dev.ipcm.internal.Json;
import dev.ipcm.os.Os;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a MessageFiles store looks like on disk after Java wrote it, checked byte by byte against
 * docs/protocols/file-stores.md ("Layout").
 */
class MessageFilesLayoutTest {
    private static final String BETA = "h-7887adc20d25a52986a92c3fec4d31ebc9a7b130";
    private static final String SLASH = "h-bdd3e041c458db22157cd6aef2470391d8bc9eb9";

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
    void spawnMakesAPrivateDirectoryNamedLikePerls() throws Exception {
        assertThat(route.getFileName().toString()).matches("PerlIPCManager-" + Os.get().pid() + "-[A-Za-z0-9_]{6}");
        assertThat(mode(route)).isEqualTo("rwx------");
        assertThat(store.info()).isEqualTo("[\"IPC::Manager::Client::MessageFiles\",\"IPC::Manager::Serializer::JSON\",\""
                + route + "\"]");
    }

    @Test
    void connectWritesEndpointPidfileAndNameFile() throws Exception {
        try (Client alpha = store.connect("alpha"); Client beta = store.connect("h-beta")) {
            assertThat(Files.isDirectory(route.resolve("alpha"))).isTrue();
            assertThat(read(route.resolve("alpha.pid"))).isEqualTo(Long.toString(Os.get().pid()));
            assertThat(Files.exists(route.resolve("alpha.name"))).isFalse();
            assertThat(Files.isDirectory(route.resolve(BETA))).isTrue();
            assertThat(read(route.resolve(BETA + ".name"))).isEqualTo("h-beta");
            assertThat(read(route.resolve(BETA + ".pid"))).isEqualTo(Long.toString(Os.get().pid()));
            assertThat(alpha.peers()).containsExactly("h-beta");
            assertThat(mode(route.resolve("alpha"))).isEqualTo("rwx------");
            assertThat(mode(route.resolve("alpha.pid"))).isEqualTo("rw-------");
            assertThat(mode(route.resolve(BETA + ".name"))).isEqualTo("rw-------");
            try (var s = Files.list(route)) {
                assertThat(s.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".pend"));
            }
        }
    }

    @Test
    void aMessageIsOneReadyFileOfCompactAsciiJsonInTheRecipientsDirectory() throws Exception {
        try (Client alpha = store.connect("alpha"); Client beta = store.connect("h-beta")) {
            Message sent = alpha.send("h-beta", Map.of("hello", "w\u00e9rld"));
            Path file = route.resolve(BETA).resolve(sent.id() + ".ready");
            assertThat(file).exists();
            assertThat(mode(file)).isEqualTo("rw-------");
            byte[] bytes = Files.readAllBytes(file);
            String text = new String(bytes, java.nio.charset.StandardCharsets.US_ASCII);
            // Perl's encoder writes lower-case hex; both cases decode the same on either side.
            assertThat(text.toLowerCase()).contains("\"content\":{\"hello\":\"w\\u00e9rld\"}");
            assertThat(text).doesNotContain(" ").doesNotEndWith("\n");
            for (byte b : bytes) {
                assertThat(b & 0xff).isLessThan(0x80);
            }
            JsonNode node = Json.decode(bytes);
            assertThat(node.get("to").asText()).isEqualTo("h-beta");
            assertThat(node.get("from").asText()).isEqualTo("alpha");
            assertThat(node.get("id").asText()).matches("[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}");
            assertThat(beta.receive()).extracting(Message::id).containsExactly(sent.id());
            assertThat(file).doesNotExist();
        }
    }

    @Test
    void suspendRemovesThePidfileAndWritesAPlainDecimalDeadlineAndSerializedStats() throws Exception {
        Client alpha = store.connect("alpha");
        try (Client beta = store.connect("beta")) {
            beta.send("alpha", 1);
            alpha.receive();
            alpha.send("beta", 2);
            alpha.suspend(Instant.ofEpochSecond(1795433141L, 308040000L));
            assertThat(route.resolve("alpha.pid")).doesNotExist();
            assertThat(route.resolve("alpha")).isDirectory();
            assertThat(read(route.resolve("alpha.suspend"))).isEqualTo("1795433141.30804");
            assertThat(read(route.resolve("alpha.suspend"))).matches("[0-9]+(\\.[0-9]+)?");
            assertThat(mode(route.resolve("alpha.suspend"))).isEqualTo("rw-------");
            assertThat(mode(route.resolve("alpha.stats"))).isEqualTo("rw-------");
            JsonNode stats = Json.decode(Files.readAllBytes(route.resolve("alpha.stats")));
            assertThat(stats.get("read").get("beta").asLong()).isEqualTo(1);
            assertThat(stats.get("sent").get("beta").asLong()).isEqualTo(1);
            assertThat(beta.peers()).containsExactly("alpha");
            assertThat(beta.peerPid("alpha")).isEmpty();
            assertThat(beta.peerSuspendExpires("alpha")).contains(new BigDecimal("1795433141.30804"));
            beta.send("alpha", "while away");
            assertThat(beta.awaitMessages(Duration.ofSeconds(10))).extracting(m -> m.content().asInt()).containsExactly(2);
        }
        try (Client back = store.reconnect("alpha")) {
            assertThat(route.resolve("alpha.suspend")).doesNotExist();
            assertThat(read(route.resolve("alpha.pid"))).isEqualTo(Long.toString(Os.get().pid()));
            assertThat(back.stats().read()).containsEntry("beta", 1L);
            List<Message> got = back.awaitMessages(Duration.ofSeconds(10));
            assertThat(got).extracting(m -> m.content().asText()).containsExactly("while away");
        }
    }

    @Test
    void disconnectRemovesTheDirectoryAndLeavesPidNameAndStats() throws Exception {
        Client beta = store.connect("h-beta");
        beta.disconnect();
        assertThat(route.resolve(BETA)).doesNotExist();
        assertThat(route.resolve("_" + BETA)).doesNotExist();
        assertThat(route.resolve(BETA + ".pid")).exists();
        assertThat(read(route.resolve(BETA + ".name"))).isEqualTo("h-beta");
        assertThat(route.resolve(BETA + ".stats")).exists();
        try (Client alpha = store.connect("alpha")) {
            assertThat(alpha.peers()).isEmpty();
            assertThat(alpha.peerExists("h-beta")).isFalse();
            assertThat(alpha.allStats()).containsKey("h-beta");
        }
    }

    @Test
    void requeueAppendsLengthPrefixedRecordsToTheResumeFile() throws Exception {
        try (Client alpha = store.connect("alpha"); Client beta = store.connect("beta")) {
            beta.send("alpha", "one");
            beta.send("alpha", "two");
            List<Message> got = alpha.awaitMessages(Duration.ofSeconds(10));
            while (got.size() < 2) {
                List<Message> more = alpha.awaitMessages(Duration.ofSeconds(10));
                assertThat(more).isNotEmpty();
                got = new java.util.ArrayList<>(got);
                got.addAll(more);
            }
            alpha.requeue(got);
            assertThat(mode(route.resolve("alpha.resume"))).isEqualTo("rw-------");
            byte[] bytes = Files.readAllBytes(route.resolve("alpha.resume"));
            ByteBuffer buf = ByteBuffer.wrap(bytes);
            int records = 0;
            while (buf.hasRemaining()) {
                int length = buf.getInt();
                byte[] payload = new byte[length];
                buf.get(payload);
                assertThat(Json.decode(payload).get("from").asText()).isEqualTo("beta");
                records++;
            }
            assertThat(records).isEqualTo(2);
            assertThat(alpha.hasReadyMessages()).isTrue();
            assertThat(alpha.receive()).extracting(m -> m.content().asText()).containsExactly("one", "two");
            assertThat(route.resolve("alpha.resume")).doesNotExist();
            assertThat(alpha.stats().read()).containsEntry("beta", 2L);
        }
    }
}
