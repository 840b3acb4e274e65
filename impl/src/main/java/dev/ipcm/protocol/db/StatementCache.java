package dev.ipcm.protocol.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The prepared statements of one connection, kept for reuse by the statements a client runs per
 * message (send, read the inbox, delete what was read). sqlite-jdbc keeps no cache of its own:
 * preparing the same three statements again for every message was a tenth of a SQLite client's
 * CPU time. Bounded, least recently used first out, because the delete's text depends on how many
 * ids it names. Callers bind every parameter before each use and close each result set; they
 * never close a statement themselves. Not thread-safe, like the session that owns it.
 */
final class StatementCache implements AutoCloseable {
    /** Plenty for the handful of per-message statements and a few delete shapes. */
    static final int CAPACITY = 16;

    private final Connection connection;
    private final LinkedHashMap<String, PreparedStatement> statements = new LinkedHashMap<>(CAPACITY * 2, 0.75f, true);

    StatementCache(Connection connection) {
        this.connection = connection;
    }

    /** The statement for {@code sql} on this cache's connection, prepared on first use. */
    PreparedStatement prepare(String sql) throws SQLException {
        PreparedStatement ps = statements.get(sql);
        if (ps != null) {
            return ps;
        }
        ps = connection.prepareStatement(sql);
        statements.put(sql, ps);
        if (statements.size() > CAPACITY) {
            Iterator<Map.Entry<String, PreparedStatement>> eldest = statements.entrySet().iterator();
            closeQuietly(eldest.next().getValue());
            eldest.remove();
        }
        return ps;
    }

    /** How many statements are kept (for tests). */
    int size() {
        return statements.size();
    }

    /** Closes every kept statement; the connection stays open. */
    @Override
    public void close() {
        statements.values().forEach(StatementCache::closeQuietly);
        statements.clear();
    }

    private static void closeQuietly(PreparedStatement ps) {
        try {
            ps.close();
        } catch (SQLException | RuntimeException ignored) {
            // The statement is being discarded; a dead connection has freed it already.
        }
    }
}
