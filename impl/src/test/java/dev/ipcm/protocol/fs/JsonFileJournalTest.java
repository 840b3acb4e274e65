package dev.ipcm.protocol.fs;

import static dev.ipcm.protocol.fs.FsTestSupport.jsonFileInfo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ipcm.Client;
import dev.ipcm.ContentException;
import dev.ipcm.Ipcm;
import dev.ipcm.internal.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The journal a JSONFile writer leaves when it is killed, and what the next client does with it. */
class JsonFileJournalTest {
    private static final String MAIL = "{\"clients\":{\"a\":{\"pid\":1}},\"messages\":{\"a\":[{\"content\":\"kept\",\"to\":\"a\","
            + "\"from\":\"x\",\"stamp\":1.5}]},\"stats\":{}}";

    @TempDir
    Path tmp;

    @Test
    void aDamagedStoreIsRepairedFromItsJournal() throws Exception {
        Path file = tmp.resolve("torn.json");
        Files.writeString(file, MAIL.substring(0, 40));
        Files.writeString(journal(file), MAIL);
        try (Client b = Ipcm.connect("b", jsonFileInfo(file))) {
            assertThat(b.peerExists("a")).isTrue();
        }
        assertThat(journal(file)).doesNotExist();
        assertThat(Json.decode(Files.readAllBytes(file)).at("/messages/a/0/content").asText()).isEqualTo("kept");
    }

    @Test
    void anEmptiedStoreIsRepairedByAReaderToo() throws Exception {
        Path file = tmp.resolve("empty.json");
        Files.writeString(file, "");
        Files.writeString(journal(file), MAIL);
        try (Client b = Ipcm.connect("b", jsonFileInfo(file))) {
            assertThat(b.peers()).contains("a");
        }
        assertThat(journal(file)).doesNotExist();
    }

    @Test
    void aJournalBesideAWholeStoreIsDroppedUnread() throws Exception {
        Path file = tmp.resolve("whole.json");
        Files.writeString(file, MAIL);
        Files.writeString(journal(file), "{\"clients\":{},\"messages\":{},\"stats\":{}}");
        try (Client b = Ipcm.connect("b", jsonFileInfo(file))) {
            assertThat(b.peerExists("a")).isTrue();
        }
        assertThat(journal(file)).doesNotExist();
    }

    @Test
    void aDamagedStoreWithADamagedJournalIsLeftAlone() throws Exception {
        Path file = tmp.resolve("lost.json");
        Files.writeString(file, "{\"clients\"");
        Files.writeString(journal(file), "{\"clie");
        assertThatThrownBy(() -> Ipcm.connect("b", jsonFileInfo(file))).isInstanceOf(ContentException.class)
                .hasMessageContaining("its journal").hasMessageContaining("Spawn a new store");
        assertThat(Files.readString(file)).isEqualTo("{\"clients\"");
        assertThat(journal(file)).exists();
    }

    @Test
    void unspawnRemovesALeftOverJournal() throws Exception {
        var store = Ipcm.spawn(dev.ipcm.SpawnOptions.defaults().protocol("JSONFile").serializer("JSON").guard(false));
        Path file = Path.of(store.route());
        Files.writeString(journal(file), MAIL);
        store.unspawn();
        assertThat(file).doesNotExist();
        assertThat(journal(file)).doesNotExist();
    }

    private static Path journal(Path file) {
        return file.resolveSibling(file.getFileName() + ".journal");
    }
}
