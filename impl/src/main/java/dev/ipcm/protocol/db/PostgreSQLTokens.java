package dev.ipcm.protocol.db;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * PostgreSQL's liveness tokens: a session-level advisory lock whose 64-bit key is a hash of the
 * client name. Advisory locks belong to one database, and each store has a database of its own,
 * so the name alone separates clients. Whether a key is held is read from {@code pg_locks}, which
 * every user may read, in one query for all names.
 */
final class PostgreSQLTokens implements LivenessTokens {
    static final PostgreSQLTokens INSTANCE = new PostgreSQLTokens();
    private static final String HELD = "SELECT classid::bigint, objid::bigint FROM pg_locks WHERE locktype = 'advisory'"
            + " AND objsubid = 1 AND granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())";

    private PostgreSQLTokens() {}

    @Override
    public boolean take(Connection c, String name) throws SQLException {
        return bool(c, "SELECT pg_try_advisory_lock(?)", key(name));
    }

    @Override
    public void release(Connection c, String name) throws SQLException {
        bool(c, "SELECT pg_advisory_unlock(?)", key(name));
    }

    @Override
    public Set<String> held(Connection c, Collection<String> names) throws SQLException {
        Set<Long> keys = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement(HELD); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                // A bigint key is held as two 32-bit halves: classid the high one, objid the low one (objsubid 1).
                keys.add((rs.getLong(1) << 32) | (rs.getLong(2) & 0xFFFF_FFFFL));
            }
        }
        Set<String> out = new LinkedHashSet<>();
        for (String name : names) {
            if (keys.contains(key(name))) {
                out.add(name);
            }
        }
        return out;
    }

    /** The advisory lock key of a client name: the first 64 bits of a SHA-256 of it. */
    static long key(String name) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest(("ipcm liveness\0" + name).getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(hash, 0, Long.BYTES).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static boolean bool(Connection c, String sql, long key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }
}
