package dev.ipcm.protocol.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ipcm.Client;
import dev.ipcm.InvalidInfoException;
import dev.ipcm.Ipcm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/** Connect refuses a route that cannot be a store before writing anything there (docs/protocols/file-stores.md). */
class ConnectChecksRouteTest {
    @TempDir
    Path tmp;

    private static String info(String protocol, Path route) {
        return "[\"IPC::Manager::Client::" + protocol + "\",\"IPC::Manager::Serializer::JSON\",\"" + route + "\"]";
    }

    @ParameterizedTest
    @ValueSource(strings = {"MessageFiles", "AtomicPipe", "UnixSocket", "ConnectionUnix"})
    void aDirectoryOthersCanReadIsRefusedAndLeftUntouched(String protocol) throws Exception {
        Path shared = Files.createDirectory(tmp.resolve("shared"));
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxr-xr-x"));
        assertThatThrownBy(() -> Ipcm.connect("bob", info(protocol, shared)))
                .isInstanceOf(InvalidInfoException.class)
                .hasMessageContaining("Refusing to connect to '" + shared + "' as a " + protocol + " store")
                .hasMessageContaining("readable or writable by others");
        try (var entries = Files.list(shared)) {
            assertThat(entries).isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"MessageFiles", "AtomicPipe"})
    void aFileAndASymbolicLinkAreRefused(String protocol) throws Exception {
        Path file = Files.writeString(tmp.resolve("notes.txt"), "keep");
        assertThatThrownBy(() -> Ipcm.connect("bob", info(protocol, file)))
                .isInstanceOf(InvalidInfoException.class).hasMessageContaining("it is a file, not the directory");
        Path target = Files.createDirectory(tmp.resolve("target"));
        Path link = Files.createSymbolicLink(tmp.resolve("link"), target);
        assertThatThrownBy(() -> Ipcm.connect("bob", info(protocol, link)))
                .isInstanceOf(InvalidInfoException.class).hasMessageContaining("symbolic link");
        assertThat(Files.readString(file)).isEqualTo("keep");
        try (var entries = Files.list(target)) {
            assertThat(entries).isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"MessageFiles", "AtomicPipe", "UnixSocket", "ConnectionUnix"})
    void aPrivateDirectoryAsThePerlSpawnLeavesItIsAccepted(String protocol) throws Exception {
        // The reference's spawn leaves an empty 0700 directory and no marker.
        Path route = Files.createDirectory(tmp.resolve("PerlIPCManager-1-abcdef"));
        Files.setPosixFilePermissions(route, PosixFilePermissions.fromString("rwx------"));
        try (Client bob = Ipcm.connect("bob", info(protocol, route))) {
            assertThat(bob.peers()).isEqualTo(List.of());
        }
    }
}
