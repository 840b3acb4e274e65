package dev.ipcm.protocol.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The per-connection statement cache, on a real SQLite file. */
class StatementCacheTest {
    @TempDir
    Path dir;

    @Test
    void aStatementIsPreparedOnceAndWorksAgainWithNewParameters() throws SQLException {
        try (Connection c = open(); StatementCache cache = new StatementCache(c)) {
            PreparedStatement insert = cache.prepare("INSERT INTO t(v) VALUES (?)");
            insert.setString(1, "one");
            insert.executeUpdate();
            PreparedStatement again = cache.prepare("INSERT INTO t(v) VALUES (?)");
            assertThat(again).isSameAs(insert);
            again.setString(1, "two");
            again.executeUpdate();
            assertThat(values(cache)).containsExactly("one", "two");
            assertThat(values(cache)).containsExactly("one", "two");
            assertThat(cache.size()).isEqualTo(2);
        }
    }

    @Test
    void theLeastRecentlyUsedStatementIsClosedWhenTheCacheIsFull() throws SQLException {
        try (Connection c = open(); StatementCache cache = new StatementCache(c)) {
            PreparedStatement first = cache.prepare("SELECT 0");
            List<PreparedStatement> rest = new ArrayList<>();
            for (int i = 1; i < StatementCache.CAPACITY; i++) {
                rest.add(cache.prepare("SELECT " + i));
            }
            cache.prepare("SELECT 0"); // used again: now the second is the eldest
            cache.prepare("SELECT " + StatementCache.CAPACITY);
            assertThat(cache.size()).isEqualTo(StatementCache.CAPACITY);
            assertThat(first.isClosed()).isFalse();
            assertThat(rest.get(0).isClosed()).isTrue();
            assertThat(rest.subList(1, rest.size())).noneMatch(StatementCacheTest::closed);
        }
    }

    @Test
    void closingTheCacheClosesItsStatementsButNotTheConnection() throws SQLException {
        try (Connection c = open()) {
            StatementCache cache = new StatementCache(c);
            PreparedStatement ps = cache.prepare("SELECT 1");
            cache.close();
            assertThat(ps.isClosed()).isTrue();
            assertThat(cache.size()).isZero();
            assertThat(c.isClosed()).isFalse();
        }
    }

    private Connection open() throws SQLException {
        Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("cache.sqlite"));
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t(v TEXT)");
        }
        return c;
    }

    private static List<String> values(StatementCache cache) throws SQLException {
        List<String> out = new ArrayList<>();
        try (ResultSet rs = cache.prepare("SELECT v FROM t ORDER BY rowid").executeQuery()) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    private static boolean closed(PreparedStatement ps) {
        try {
            return ps.isClosed();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
