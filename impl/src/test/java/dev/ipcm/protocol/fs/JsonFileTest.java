package dev.ipcm.protocol.fs;

import static dev.ipcm.protocol.fs.FsTestSupport.deadPid;
import static dev.ipcm.protocol.fs.FsTestSupport.jsonFileInfo;
import static dev.ipcm.protocol.fs.FsTestSupport.mode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ipcm.Client;
import dev.ipcm.CorruptMessageException;
import dev.ipcm.Ipcm;
import dev.ipcm.Message;
import dev.ipcm.NameTakenException;
import dev.ipcm.NoSuchPeerException;
import dev.ipcm.SpawnOptions;
import dev.ipcm.Store;
import dev.ipcm.StoreGoneException;
import dev.ipcm.internal.Json;
import dev.ipcm.os.Os;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JSONFile store file: its layout, in-place rewrites, a file written the Perl way, and the
 * lifecycle rules of docs/protocols/file-stores.md ("JSONFile").
 */
class JsonFileTest {
    private Store store;
    private Path file;

    @TempDir
    Path tmp;

    @BeforeEach
    void spawn() {
        store = Ipcm.spawn(SpawnOptions.defaults().protocol("JSONFile").serializer("JSON").guard(false));
        file = Path.of(store.route());
    }

    @AfterEach
    void unspawn() {
        store.unspawn();
    }

    private JsonNode content() throws Exception {
        return Json.decode(Files.readAllBytes(file));
    }

    private Object inode() throws Exception {
        return Files.getAttribute(file, "unix:ino");
    }

    @Test
    void spawnCreatesAPrivateFileNamedLikePerls() throws Exception {
        assertThat(file.getFileName().toString()).matches("PerlIPCMgr-" + Os.get().pid() + "-[A-Za-z0-9_]{6}\\.json");
        assertThat(mode(file)).isEqualTo("rw-------");
        assertThat(content()).isEqualTo(Json.decode("{\"stats\":{},\"clients\":{},\"messages\":{}}"));
        assertThat(store.info()).startsWith("[\"IPC::Manager::Client::JSONFile\",\"IPC::Manager::Serializer::JSON\",");
        assertThat(Files.readString(file)).doesNotEndWith("\n");
    }

    @Test
    void everyOperationRewritesTheSameFileInPlace() throws Exception {
        Object inode = inode();
        try (Client alpha = store.connect("alpha"); Client beta = store.connect("beta")) {
            assertThat(content().at("/clients/alpha/pid").asLong()).isEqualTo(Os.get().pid());
            assertThat(content().at("/messages/alpha").isArray()).isTrue();
            Message sent = alpha.send("beta", Map.of("hello", 1));
            JsonNode queued = content().at("/messages/beta/0");
            assertThat(queued.get("id").asText()).isEqualTo(sent.id());
            assertThat(queued.get("from").asText()).isEqualTo("alpha");
            assertThat(queued.get("to").asText()).isEqualTo("beta");
            assertThat(queued.get("content")).isEqualTo(Json.decode("{\"hello\":1}"));
            assertThat(queued.has("stamp")).isTrue();
            assertThat(queued.has("stamp_ord")).isTrue();
            assertThat(beta.awaitMessages(Duration.ofSeconds(10))).extracting(Message::id).containsExactly(sent.id());
            assertThat(content().at("/messages/beta").size()).isZero();
            assertThat(inode()).isEqualTo(inode);
            assertThat(mode(file)).isEqualTo("rw-------");
        }
        assertThat(content().get("clients").size()).isZero();
        assertThat(content().get("messages").size()).isZero();
        assertThat(content().at("/stats/alpha/sent/beta").asLong()).isEqualTo(1);
        assertThat(content().at("/stats/beta/read/alpha").asLong()).isEqualTo(1);
        assertThat(inode()).isEqualTo(inode);
    }

    @Test
    void suspendKeepsThePidAndStoresTheDeadlineAsANumber() throws Exception {
        Client alpha = store.connect("alpha");
        try (Client beta = store.connect("beta")) {
            alpha.suspend(Instant.ofEpochSecond(1795433141L, 308040000L));
            JsonNode entry = content().at("/clients/alpha");
            assertThat(entry.get("pid").asLong()).isEqualTo(Os.get().pid());
            assertThat(entry.get("suspend_expires_at").isNumber()).isTrue();
            assertThat(Files.readString(file)).contains("\"suspend_expires_at\":1795433141.30804");
            assertThat(beta.peers()).containsExactly("alpha");
            assertThat(beta.peerActive("alpha")).isTrue();
            assertThat(beta.peerSuspendExpires("alpha")).contains(new BigDecimal("1795433141.30804"));
            beta.send("alpha", "while away");
        }
        try (Client back = store.reconnect("alpha")) {
            assertThatThrownBy(() -> store.reconnect("alpha")).isInstanceOf(NameTakenException.class)
                    .hasMessageContaining("already running in this process");
            assertThat(content().at("/clients/alpha").has("suspend_expires_at")).isFalse();
            assertThat(back.awaitMessages(Duration.ofSeconds(10))).extracting(m -> m.content().asText())
                    .containsExactly("while away");
        }
    }

    @Test
    void readsAStoreWrittenThePerlWay() throws Exception {
        long dead = deadPid();
        Path perl = tmp.resolve("PerlIPCMgr-10919-fcYGhi.json");
        Files.writeString(perl, "{\"stats\":{\"ghost\":{\"read\":{},\"sent\":{\"me\":2}},\"old\":{\"sent\":{},\"read\":{\"me\":\"4\"}}},"
                + "\"clients\":{\"alpha\":{\"pid\":1},\"ghost\":{\"pid\":" + dead + "},"
                + "\"sleepy\":{\"pid\":1,\"suspend_expires_at\":1795433141.30804},\"odd\":{\"pid\":\"1\"}},"
                + "\"messages\":{\"me\":[{\"content\":{\"hello\":1},\"stamp\":1795433122.83797,"
                + "\"id\":\"DBBD0EA5-0000-7000-8000-000000000000\",\"to\":\"me\",\"from\":\"alpha\",\"stamp_ord\":0},"
                + "{\"content\":2,\"to\":\"me\"}],\"ghost\":[]}}");
        try (Client me = Ipcm.connect("me", jsonFileInfo(perl))) {
            assertThat(me.peers()).containsExactly("alpha", "odd", "sleepy");
            assertThat(me.peerExists("ghost")).isTrue();
            assertThat(me.peerPid("ghost")).hasValue(dead);
            assertThat(me.peerPid("odd")).hasValue(1);
            assertThat(me.peerSuspendExpires("sleepy")).contains(new BigDecimal("1795433141.30804"));
            assertThat(me.allStats().get("old").read()).containsEntry("me", 4L);
            List<Message> got = me.receive();
            assertThat(got).extracting(Message::from).containsExactly("alpha");
            List<CorruptMessageException> corrupt = me.takeCorruptMessages();
            assertThat(corrupt).singleElement().extracting(Throwable::getMessage).asString()
                    .contains("'from' is a required attribute").contains("{\"content\":2,\"to\":\"me\"}");
            assertThat(me.peerLeft()).isEqualTo(1);
            JsonNode after = Json.decode(Files.readAllBytes(perl));
            assertThat(after.get("clients").has("ghost")).isFalse();
            assertThat(after.get("messages").has("ghost")).isFalse();
            assertThat(after.get("stats").has("ghost")).isFalse();
            assertThat(after.get("stats").has("old")).isTrue();
        }
        assertThatThrownBy(() -> Ipcm.connect("alpha", jsonFileInfo(perl))).isInstanceOf(NameTakenException.class)
                .hasMessageContaining("Client 'alpha' already exists");
        assertThatThrownBy(() -> Ipcm.reconnect("sleepy", jsonFileInfo(perl))).isInstanceOf(NameTakenException.class)
                .hasMessageContaining("Connection already running in pid 1");
    }

    @Test
    void aCrashedClientCanReconnectOrBeTakenOverWithItsMailByAFreshConnect() throws Exception {
        long dead = deadPid();
        Path perl = tmp.resolve("crash.json");
        Files.writeString(perl, "{\"clients\":{\"a\":{\"pid\":" + dead + "},\"b\":{\"pid\":" + dead + "}},"
                + "\"messages\":{\"a\":[{\"content\":1,\"to\":\"a\",\"from\":\"x\",\"stamp\":1.5}],"
                + "\"b\":[{\"content\":2,\"to\":\"b\",\"from\":\"x\",\"stamp\":1.6}]},"
                + "\"stats\":{\"a\":{\"read\":{\"x\":7},\"sent\":{}},\"b\":{\"read\":{\"x\":3},\"sent\":{}}}}");
        try (Client a = Ipcm.reconnect("a", jsonFileInfo(perl))) {
            assertThat(a.stats().read()).containsEntry("x", 7L);
            assertThat(a.receive()).hasSize(1);
        }
        try (Client b = Ipcm.connect("b", jsonFileInfo(perl))) {
            assertThat(b.stats().read()).isEmpty();
            assertThat(b.receive()).extracting(m -> m.content().asInt()).containsExactly(2);
        }
        assertThatThrownBy(() -> Ipcm.reconnect("nobody", jsonFileInfo(perl))).isInstanceOf(NoSuchPeerException.class)
                .hasMessageContaining("Client 'nobody' does not exist");
    }

    @Test
    void requeueAppendsToTheOwnInboxWithoutCountingTwice() throws Exception {
        try (Client alpha = store.connect("alpha"); Client beta = store.connect("beta")) {
            beta.send("alpha", "again");
            List<Message> got = alpha.awaitMessages(Duration.ofSeconds(10));
            alpha.requeue(got);
            assertThat(content().at("/messages/alpha/0/content").asText()).isEqualTo("again");
            assertThat(alpha.hasReadyMessages()).isTrue();
            assertThat(alpha.receive()).extracting(Message::id).containsExactly(got.get(0).id());
            assertThat(alpha.stats().read()).containsEntry("beta", 1L);
        }
    }

    @Test
    void sendingToAnUnknownPeerWritesNothing() throws Exception {
        try (Client alpha = store.connect("alpha")) {
            String before = Files.readString(file);
            assertThatThrownBy(() -> alpha.send("nobody", 1)).isInstanceOf(NoSuchPeerException.class)
                    .hasMessageContaining("'nobody' does not exist");
            assertThat(Files.readString(file)).isEqualTo(before);
        }
    }

    @Test
    void aVanishedStoreFileIsReportedAsGone() throws Exception {
        Client alpha = store.connect("alpha");
        Files.delete(file);
        assertThatThrownBy(alpha::receive).isInstanceOf(StoreGoneException.class).hasMessageContaining(file.toString())
                .hasMessageContaining("no longer exists");
        assertThatThrownBy(() -> Ipcm.connect("beta", store.info())).isInstanceOf(StoreGoneException.class);
        alpha.disconnect();
        assertThat(alpha.isDisconnected()).isTrue();
    }

    @Test
    void aDamagedStoreFileIsReportedAndLeftAlone() throws Exception {
        try (Client alpha = store.connect("alpha")) {
            Files.writeString(file, "{\"clients\":");
            assertThatThrownBy(alpha::peers).isInstanceOf(dev.ipcm.ContentException.class)
                    .hasMessageContaining(file.toString()).hasMessageContaining("not valid JSON");
            assertThat(Files.readString(file)).isEqualTo("{\"clients\":");
            Files.writeString(file, "{\"clients\":{\"alpha\":{\"pid\":" + Os.get().pid() + "}},\"messages\":{},\"stats\":{}}");
        }
    }
}
