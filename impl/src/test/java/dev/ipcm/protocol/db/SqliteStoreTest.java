package dev.ipcm.protocol.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ipcm.Client;
import dev.ipcm.Ipcm;
import dev.ipcm.SpawnOptions;
import dev.ipcm.Store;
import dev.ipcm.StoreGoneException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SqliteStoreTest extends AbstractDbStoreTest implements ManyWritersTests, ReceiverCrashTests {
    @Override
    public DbTargets target() {
        return DbTargets.SQLITE;
    }

    @Override
    public Store store() {
        return store;
    }

    /**
     * Every SQLite commit is synced to disk and the five processes take turns on one file lock
     * (about 75 messages a second here), so this target sends 250 messages per writer instead of
     * 2,000 to stay within the time budget.
     */
    @Override
    public int messagesPerWriter() {
        return 250;
    }

    @Override
    List<String> expectedColumns() {
        return List.of("ipcm_peers.id VARCHAR(512)", "ipcm_peers.pid INTEGER", "ipcm_peers.active REAL",
                "ipcm_peers.stats BLOB", "ipcm_peers.suspend_expires REAL",
                "ipcm_messages.id UUID", "ipcm_messages.to VARCHAR(512)", "ipcm_messages.from VARCHAR(512)",
                "ipcm_messages.stamp REAL", "ipcm_messages.content BLOB", "ipcm_messages.broadcast BOOL");
    }

    @Override
    List<String> actualColumns(Connection c) throws SQLException {
        List<String> out = new ArrayList<>();
        for (String table : List.of("ipcm_peers", "ipcm_messages")) {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA table_info(" + table + ")")) {
                while (rs.next()) {
                    out.add(table + "." + rs.getString("name") + " " + rs.getString("type"));
                }
            }
        }
        return out;
    }

    @Test
    void spawnCreatesAPrivateFileNamedLikeTheReference() throws Exception {
        Path file = Path.of(store.route());
        assertThat(file.getFileName().toString()).matches("PerlIPCManager-" + ProcessHandle.current().pid() + "-.+\\.sqlite");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void journalModeForeignKeysAndBusyTimeoutAreTheReferences() throws SQLException {
        String a = unique("pragma");
        try (Client c = store.connect(a); Connection raw = raw(); Statement s = raw.createStatement()) {
            assertThat(c.name()).isEqualTo(a);
            try (ResultSet rs = s.executeQuery("PRAGMA journal_mode")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("delete");
            }
            try (ResultSet rs = s.executeQuery("PRAGMA foreign_keys")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isZero();
            }
            try (ResultSet rs = s.executeQuery("PRAGMA busy_timeout")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(SqliteDialect.BUSY_TIMEOUT_MILLIS);
            }
        }
        assertThat(Path.of(store.route() + "-wal")).doesNotExist();
    }

    @Test
    void contentIsStoredAsABlobAndIdsAsUpperCaseText() throws SQLException {
        String a = unique("blob-a");
        String b = unique("blob-b");
        try (Client ca = store.connect(a); Client cb = store.connect(b)) {
            String id = ca.send(b, Map.of("y", 2)).id();
            try (Connection c = raw(); PreparedStatement ps = c.prepareStatement(
                    "SELECT typeof(`content`), `id`, typeof(`stamp`) FROM ipcm_messages WHERE `to` = ?")) {
                ps.setString(1, b);
                try (ResultSet rs = ps.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString(1)).isEqualTo("blob");
                    assertThat(rs.getString(2)).isEqualTo(id).isUpperCase();
                    assertThat(rs.getString(3)).isEqualTo("real");
                }
            }
            receiveAtLeast(cb, 1);
        }
    }

    @Test
    void aMissingFileIsAGoneStore() {
        Store s = Ipcm.spawn(SpawnOptions.defaults().protocol("SQLite"));
        String info = s.info();
        s.unspawn();
        assertThat(Path.of(s.route())).doesNotExist();
        assertThatThrownBy(() -> Ipcm.connect("late", info)).isInstanceOf(StoreGoneException.class)
                .hasMessageContaining(s.route());
    }
}
