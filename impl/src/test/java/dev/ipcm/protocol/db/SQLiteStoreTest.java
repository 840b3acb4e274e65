package dev.ipcm.protocol.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ipcm.Client;
import dev.ipcm.Ipcm;
import dev.ipcm.Message;
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

class SQLiteStoreTest extends AbstractDbStoreTest implements ManyWritersTests, ReceiverCrashTests {
    @Override
    public DbTargets target() {
        return DbTargets.SQLITE;
    }

    @Override
    public Store store() {
        return store;
    }

    /**
     * The five processes take turns on one file lock (with fsync at commit, about 75 messages a
     * second here), so this target sends 250 messages per writer instead of 2,000 to stay within
     * the time budget.
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
        }
        // The protocol's connections open with the busy timeout, then SQLiteBusyHandler replaces it with
        // shorter waits under the same limit (the pragma then reads 0; the lock test below covers the wait).
        DbLocation location = DbLocation.parse(store.route(), true);
        JdbcTarget target = SQLiteDialect.INSTANCE.target(location, DbCredentials.resolve(Map.of(), location));
        try (Connection plain = java.sql.DriverManager.getConnection(target.url(), target.properties());
                Statement s = plain.createStatement(); ResultSet rs = s.executeQuery("PRAGMA busy_timeout")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isEqualTo(SQLiteDialect.BUSY_TIMEOUT_MILLIS);
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

    /** A send that meets another connection's write lock waits for it, as the 30 s busy timeout did. */
    @Test
    void aSendWaitsForALockHeldByAnotherConnection() throws Exception {
        String a = unique("locked-a");
        String b = unique("locked-b");
        java.util.concurrent.ExecutorService sender = java.util.concurrent.Executors.newSingleThreadExecutor();
        try (Client ca = store.connect(a); Client cb = store.connect(b); Connection holder = raw();
                Statement s = holder.createStatement()) {
            s.execute("BEGIN EXCLUSIVE");
            java.util.concurrent.Future<String> sent;
            try {
                sent = sender.submit(() -> ca.send(b, "after the lock").id());
                assertThatThrownBy(() -> sent.get(300, java.util.concurrent.TimeUnit.MILLISECONDS))
                        .as("the send waits while the lock is held")
                        .isInstanceOf(java.util.concurrent.TimeoutException.class);
            } finally {
                s.execute("COMMIT");
            }
            String id = sent.get(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
            assertThat(receiveAtLeast(cb, 1)).extracting(Message::id).containsExactly(id);
        } finally {
            sender.shutdownNow();
        }
    }

    /** Commits skip fsync on the protocol's own connections; nothing about the file changes. */
    @Test
    void theProtocolsConnectionsCommitWithoutSync() throws SQLException {
        DbLocation location = DbLocation.parse(store.route(), true);
        try (DbSession db = new DbSession(SQLiteDialect.INSTANCE, location, DbCredentials.resolve(Map.of(), location));
                Statement s = db.connection().createStatement(); ResultSet rs = s.executeQuery("PRAGMA synchronous")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isZero(); // OFF
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

    @Test
    void aFileDeletedUnderItsClientsIsAGoneStoreForReceiveAndSend() throws Exception {
        Store s = Ipcm.spawn(SpawnOptions.defaults().protocol("SQLite").guard(false));
        Client a = s.connect("a");
        Client b = s.connect("b");
        try {
            a.send("b", 1);
            assertThat(b.awaitMessages(java.time.Duration.ofSeconds(10))).hasSize(1);
            java.nio.file.Files.delete(Path.of(s.route()));
            assertThatThrownBy(b::receive).isInstanceOf(StoreGoneException.class)
                    .hasMessageContaining(s.route()).hasMessageContaining("no longer exists");
            assertThatThrownBy(() -> a.send("b", 2)).isInstanceOf(StoreGoneException.class)
                    .hasMessageContaining(s.route());
        } finally {
            a.disconnect(m -> { });
            b.disconnect(m -> { });
        }
    }
}
