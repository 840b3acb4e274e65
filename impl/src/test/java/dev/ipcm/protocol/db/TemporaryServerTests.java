package dev.ipcm.protocol.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.ipcm.ConnectionInfo;
import dev.ipcm.Ipcm;
import dev.ipcm.Store;
import dev.ipcm.StoreGoneException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;

/** Private temporary servers: a 0700 directory holding a Unix socket, QuickDB's route shape. */
interface TemporaryServerTests {
    Store store();

    /** The server's private directory, from the route. */
    default Path serverDir() {
        DbLocation loc = DbLocation.parse(store().route(), false);
        String socketDir = loc.socket != null ? Path.of(loc.socket).getParent().toString() : loc.host;
        return Path.of(socketDir);
    }

    @Test
    default void theServerLivesInAPrivateDirectoryOnAUnixSocket() throws Exception {
        Path dir = serverDir();
        assertThat(dir.getFileName().toString()).startsWith("DB-QUICK-" + ProcessHandle.current().pid() + "-");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
        assertThat(store().route()).contains("dbname=quickdb");
    }

    @Test
    default void aStoppedServerIsAGoneStore() {
        String route = store().route().replace(serverDir().toString(), serverDir() + "-stopped");
        String info = new ConnectionInfo(store().connectionInfo().protocol(), TextNode.valueOf("JSON"), route).toString();
        assertThatThrownBy(() -> Ipcm.connect("late", info)).isInstanceOf(StoreGoneException.class)
                .hasMessageContaining("socket").hasMessageContaining("-stopped");
    }
}
