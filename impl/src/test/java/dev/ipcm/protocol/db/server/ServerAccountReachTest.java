package dev.ipcm.protocol.db.server;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerAccountReachTest {
    @TempDir
    Path tmp;

    @Test
    void aBaseTheServerAccountCannotEnterIsRefusedNamingTheDirectoryAndTheSetting() throws Exception {
        Path closed = Files.createDirectory(tmp.resolve("closed"));
        Files.setPosixFilePermissions(closed, PosixFilePermissions.fromString("rwx------"));
        Path base = Files.createDirectory(closed.resolve("open"));
        Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwxr-xr-x"));
        assertThatThrownBy(() -> ServerDirectory.create("nobody", base.toString()))
                .isInstanceOf(TemporaryServerException.class)
                .hasMessageContaining("system account 'nobody', which cannot enter " + closed + " (owner ")
                .hasMessageContaining("mode rwx------")
                .hasMessageContaining("set QDB_TMPDIR (or TMPDIR) to a directory every account can reach");
        try (var entries = Files.list(base)) {
            org.assertj.core.api.Assertions.assertThat(entries).isEmpty();
        }
    }

    @Test
    void aBaseEveryAccountCanReachPasses() {
        assertThatCode(() -> ServerAccountReach.require("nobody", Path.of("/tmp"))).doesNotThrowAnyException();
    }
}
