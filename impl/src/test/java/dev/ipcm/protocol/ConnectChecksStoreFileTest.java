package dev.ipcm.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ipcm.InvalidInfoException;
import dev.ipcm.Ipcm;
import dev.ipcm.SpawnOptions;
import dev.ipcm.Store;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A JSONFile or SQLite route that is something else is refused with {@link InvalidInfoException}
 * before anything is written there: the file's bytes and modification time stay, and nothing
 * new appears beside it (docs/protocols/file-stores.md, docs/protocols/databases.md).
 */
class ConnectChecksStoreFileTest {
    private static final String PASSWD = "root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n";

    @TempDir
    Path tmp;

    private static String info(String protocol, Path route) {
        return "[\"IPC::Manager::Client::" + protocol + "\",\"IPC::Manager::Serializer::JSON\",\"" + route + "\"]";
    }

    @Test
    void aJsonFileRouteThatIsNoJsonFileStoreIsRefusedUntouched() throws Exception {
        try (Store sqlite = Ipcm.spawn(SpawnOptions.defaults().protocol("SQLite").param("route", tmp.resolve("db.sqlite").toString()))) {
            List<Path> routes = List.of(privateFile("passwd", PASSWD), privateDirectory("dir"),
                    privateFile("object.json", "{\"a\":1}"), Path.of(sqlite.route()));
            for (Path route : routes) {
                assertRefusedUntouched("JSONFile", route);
            }
        }
    }

    @Test
    void aSQLiteRouteThatIsNoSQLiteDatabaseIsRefusedUntouched() throws Exception {
        try (Store json = Ipcm.spawn(SpawnOptions.defaults().protocol("JSONFile").param("route", tmp.resolve("store.json").toString()))) {
            List<Path> routes = List.of(privateFile("passwd", PASSWD), privateDirectory("dir"), privateFile("empty", ""),
                    Path.of(json.route()));
            for (Path route : routes) {
                assertRefusedUntouched("SQLite", route);
            }
        }
    }

    private void assertRefusedUntouched(String protocol, Path route) throws Exception {
        String before = fingerprint(route);
        List<Path> beside = listing(tmp);
        assertThatThrownBy(() -> Ipcm.connect("bob", info(protocol, route)))
                .as(protocol + " at " + route).isInstanceOf(InvalidInfoException.class)
                .hasMessageContaining("Refusing to connect to '" + route + "' as a " + protocol + " store");
        assertThat(fingerprint(route)).as("bytes and mtime of " + route).isEqualTo(before);
        assertThat(listing(tmp)).as("nothing new beside " + route).isEqualTo(beside);
    }

    private Path privateFile(String name, String content) throws Exception {
        Path p = Files.writeString(tmp.resolve(name), content);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-------"));
        return p;
    }

    private Path privateDirectory(String name) throws Exception {
        Path p = Files.createDirectory(tmp.resolve(name));
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwx------"));
        return p;
    }

    /** Content digest (a directory: its listing) and modification time. */
    private static String fingerprint(Path p) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        if (Files.isDirectory(p)) {
            sha.update(listing(p).toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } else {
            sha.update(Files.readAllBytes(p));
        }
        return HexFormat.of().formatHex(sha.digest()) + " " + Files.getLastModifiedTime(p).toMillis();
    }

    private static List<Path> listing(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }
}
