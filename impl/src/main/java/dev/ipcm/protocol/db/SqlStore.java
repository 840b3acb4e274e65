package dev.ipcm.protocol.db;

import dev.ipcm.Message;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every statement the database protocols run, written once with the dialect's quoting and
 * binding. Tables, columns and statement shapes are IPC::Manager's (docs/protocols/databases.md:
 * "The schema", "Registration, suspend, leaving", "Sending", "Receiving: exactly once"); every
 * value is a bound parameter, and no text from a message or a name ever becomes SQL.
 */
final class SqlStore {
    /** The PostgreSQL channel a Java sender notifies after each insert; the payload is the recipient. */
    static final String CHANNEL = "ipcm_messages";
    /** Bound parameters per IN list; well under every driver's limit. */
    static final int CHUNK = 500;

    /** One row of {@code ipcm_peers}. */
    record PeerRow(String id, Long pid, boolean active, BigDecimal suspendExpires) {}

    /** One row of {@code ipcm_messages}, undecoded. */
    record InboxRow(String id, String from, String to, BigDecimal stamp, byte[] content, boolean broadcast) {}

    private static final int MICROS = 6;
    private final Dialect d;
    private final String peerRow;
    private final String statsOf;
    private final String insertPeer;
    private final String takeOverFree;
    private final String takeOverFrom;
    private final String deleteInbox;
    private final String clearStats;
    private final String unregister;
    private final String suspend;
    private final String writeStats;
    private final String allStats;
    private final String peerExists;
    private final String activePeers;
    private final String deletePeer;
    private final String insertMessage;
    private final String hasMessages;
    private final String inbox;
    private final String deleteOneId;

    SqlStore(Dialect d) {
        this.d = d;
        String id = d.q("id");
        String pid = d.q("pid");
        String active = d.q("active");
        String stats = d.q("stats");
        String suspendExpires = d.q("suspend_expires");
        String to = d.q("to");
        peerRow = "SELECT " + id + ", " + pid + ", " + active + ", " + suspendExpires + " FROM ipcm_peers WHERE " + id + " = ?";
        statsOf = "SELECT " + stats + " FROM ipcm_peers WHERE " + id + " = ?";
        insertPeer = "INSERT INTO ipcm_peers(" + id + ", " + pid + ", " + active + ") VALUES (?, ?, ?)";
        // The reference updates unconditionally; the extra pid condition makes two processes racing
        // for one name see that they raced instead of both believing they won. The row written is the same.
        String takeOver = "UPDATE ipcm_peers SET " + active + " = ?, " + pid + " = ?, " + suspendExpires + " = NULL WHERE "
                + id + " = ? AND ";
        takeOverFree = takeOver + pid + " IS NULL";
        takeOverFrom = takeOver + pid + " = ?";
        deleteInbox = "DELETE FROM ipcm_messages WHERE " + to + " = ?";
        clearStats = "UPDATE ipcm_peers SET " + stats + " = NULL WHERE " + id + " = ?";
        unregister = "UPDATE ipcm_peers SET " + pid + " = NULL, " + active + " = NULL, " + suspendExpires + " = NULL WHERE "
                + id + " = ?";
        suspend = "UPDATE ipcm_peers SET " + pid + " = NULL, " + suspendExpires + " = ? WHERE " + id + " = ?";
        writeStats = "UPDATE ipcm_peers SET " + stats + " = ? WHERE " + id + " = ?";
        allStats = "SELECT " + id + ", " + stats + " FROM ipcm_peers";
        peerExists = "SELECT " + id + " FROM ipcm_peers WHERE " + id + " = ?";
        activePeers = "SELECT " + id + ", " + pid + " FROM ipcm_peers WHERE " + id + " != ? AND active IS NOT NULL ORDER BY "
                + id + " ASC";
        deletePeer = "DELETE FROM ipcm_peers WHERE " + id + " = ?";
        // The reference first asks whether the recipient has a row, then inserts. One
        // statement does both: the row is inserted once for the recipient's peer row (the key, so at
        // most once) and not at all without one, and the count says which. Same row, one round trip
        // and, on SQLite, one lock instead of two.
        String insert = "INSERT INTO ipcm_messages(" + id + ", " + d.q("from") + ", " + to + ", " + d.q("stamp") + ", "
                + d.q("broadcast") + ", " + d.q("content") + ") SELECT ?, ?, ?, ?, ?, ? FROM ipcm_peers WHERE " + id
                + " = ?";
        insertMessage = d instanceof PostgreSQLDialect
                // Still one round trip: the notification goes out when the insert commits, never before.
                ? "WITH ins AS (" + insert + " RETURNING 1) SELECT pg_notify('" + CHANNEL + "', ?) FROM ins"
                : insert;
        hasMessages = "SELECT " + id + " FROM ipcm_messages WHERE " + to + " = ? LIMIT 1";
        // SQLite's rowid keeps insertion order among equal stamps; the other databases order by stamp only.
        inbox = "SELECT " + id + ", " + d.q("from") + ", " + to + ", " + d.q("stamp") + ", " + d.q("content") + ", "
                + d.q("broadcast") + " FROM ipcm_messages WHERE " + to + " = ? ORDER BY " + d.q("stamp") + " ASC"
                + (d instanceof SQLiteDialect ? ", rowid ASC" : "");
        deleteOneId = "DELETE FROM ipcm_messages WHERE " + id + " IN (?)";
    }

    void createTables(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String ddl : d.createTables()) {
                s.execute(ddl);
            }
        }
    }

    PeerRow peerRow(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(peerRow)) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                long pid = rs.getLong(2);
                Long pidOrNull = rs.wasNull() ? null : pid;
                boolean active = rs.getObject(3) != null;
                return new PeerRow(rs.getString(1), pidOrNull, active, seconds(rs, 4));
            }
        }
    }

    /** The stored stats bytes, or null when there is no row or the column is NULL. */
    byte[] stats(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(statsOf)) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getBytes(1) : null;
            }
        }
    }

    void insertPeer(Connection c, String name, long pid, BigDecimal now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(insertPeer)) {
            ps.setString(1, name);
            ps.setInt(2, (int) pid);
            d.bindSeconds(ps, 3, now);
            ps.executeUpdate();
        }
    }

    /** Claims an existing row whose pid is still {@code previousPid} (null: no owner); returns whether it did. */
    boolean takeOver(Connection c, String name, long pid, BigDecimal now, Long previousPid) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(previousPid == null ? takeOverFree : takeOverFrom)) {
            d.bindSeconds(ps, 1, now);
            ps.setInt(2, (int) pid);
            ps.setString(3, name);
            if (previousPid != null) {
                ps.setInt(4, previousPid.intValue());
            }
            return ps.executeUpdate() > 0;
        }
    }

    void deleteInbox(Connection c, String name) throws SQLException {
        update(c, deleteInbox, name);
    }

    void clearStats(Connection c, String name) throws SQLException {
        update(c, clearStats, name);
    }

    void unregister(Connection c, String name) throws SQLException {
        update(c, unregister, name);
    }

    void deletePeer(Connection c, String name) throws SQLException {
        update(c, deletePeer, name);
    }

    void suspend(Connection c, String name, BigDecimal expiresAt) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(suspend)) {
            d.bindSeconds(ps, 1, expiresAt);
            ps.setString(2, name);
            ps.executeUpdate();
        }
    }

    void writeStats(Connection c, String name, byte[] bytes) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(writeStats)) {
            ps.setBytes(1, bytes);
            ps.setString(2, name);
            ps.executeUpdate();
        }
    }

    /** Every peer's stats bytes by id; a NULL column maps to null. */
    Map<String, byte[]> allStats(Connection c) throws SQLException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement(allStats); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getBytes(2));
            }
        }
        return out;
    }

    boolean peerExists(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(peerExists)) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Registered, not cleanly disconnected peers other than {@code self}: id to pid (null while suspended). */
    Map<String, Long> activePeers(Connection c, String self) throws SQLException {
        Map<String, Long> out = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement(activePeers)) {
            ps.setString(1, self);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String id = rs.getString(1);
                    long pid = rs.getLong(2);
                    out.put(id, rs.wasNull() ? null : pid); // wasNull refers to the last column read
                }
            }
        }
        return out;
    }

    /** Stores a message for its recipient; false, storing nothing, when the recipient has no peer row. */
    // The per-message statements below come from the session's cache and stay open for the next
    // message; every parameter is bound again each time and every result set is closed.

    boolean insertMessage(StatementCache s, Message m, byte[] content) throws SQLException {
        PreparedStatement ps = s.prepare(insertMessage);
        d.bindId(ps, 1, m.id());
        ps.setString(2, m.from());
        ps.setString(3, m.toOrNull());
        d.bindSeconds(ps, 4, m.stamp());
        d.bindFlag(ps, 5, m.isBroadcast());
        ps.setBytes(6, content);
        ps.setString(7, m.toOrNull());
        if (d instanceof PostgreSQLDialect) {
            ps.setString(8, m.toOrNull());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
        return ps.executeUpdate() > 0;
    }

    boolean hasMessages(StatementCache s, String name) throws SQLException {
        PreparedStatement ps = s.prepare(hasMessages);
        ps.setString(1, name);
        try (ResultSet rs = ps.executeQuery()) {
            return rs.next();
        }
    }

    List<InboxRow> inbox(StatementCache s, String name) throws SQLException {
        List<InboxRow> out = new ArrayList<>();
        PreparedStatement ps = s.prepare(inbox);
        ps.setString(1, name);
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new InboxRow(d.readId(rs.getString(1)), rs.getString(2), rs.getString(3), seconds(rs, 4),
                        rs.getBytes(5), rs.getBoolean(6)));
            }
        }
        return out;
    }

    void deleteMessages(StatementCache s, List<String> ids) throws SQLException {
        for (List<String> chunk : chunks(ids)) {
            PreparedStatement ps = s.prepare(deleteIds(chunk.size()));
            bindIds(ps, chunk);
            ps.executeUpdate();
        }
    }

    /** The delete of {@code n} ids; one receive usually takes one message, so that text is kept. */
    private String deleteIds(int n) {
        if (n == 1) {
            return deleteOneId;
        }
        return "DELETE FROM ipcm_messages WHERE " + d.q("id") + " IN (" + placeholders(n) + ")";
    }

    /** Which of these message ids are still stored (lower-cased for comparison). */
    Set<String> existingIds(Connection c, List<String> ids) throws SQLException {
        Set<String> out = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        for (List<String> chunk : chunks(ids)) {
            String sql = "SELECT " + d.q("id") + " FROM ipcm_messages WHERE " + d.q("id") + " IN ("
                    + placeholders(chunk.size()) + ")";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                bindIds(ps, chunk);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                }
            }
        }
        return out;
    }

    private void bindIds(PreparedStatement ps, List<String> ids) throws SQLException {
        for (int i = 0; i < ids.size(); i++) {
            if (d instanceof PostgreSQLDialect) {
                ps.setObject(i + 1, java.util.UUID.fromString(ids.get(i)));
            } else {
                ps.setString(i + 1, ids.get(i));
            }
        }
    }

    private static List<List<String>> chunks(List<String> ids) {
        if (ids.size() <= CHUNK) {
            return Collections.singletonList(ids);
        }
        List<List<String>> out = new ArrayList<>();
        for (int i = 0; i < ids.size(); i += CHUNK) {
            out.add(ids.subList(i, Math.min(ids.size(), i + CHUNK)));
        }
        return out;
    }

    private static String placeholders(int n) {
        return String.join(", ", Collections.nCopies(n, "?"));
    }

    private static void update(Connection c, String sql, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, name);
            ps.executeUpdate();
        }
    }

    /**
     * Reads an epoch-seconds column written by anyone: a number (REAL, DOUBLE) or decimal text
     * (PostgreSQL NUMERIC, or a Perl string), in plain notation. Stamps are written with
     * microseconds; a binary floating column (SQLite REAL, MySQL DOUBLE) reads back with noise
     * digits beyond them ({@code .857534} as {@code .8575339}), so the value is rounded to the
     * microsecond, which a double of today's epoch seconds still holds exactly.
     */
    static BigDecimal seconds(ResultSet rs, int column) throws SQLException {
        String text = rs.getString(column);
        if (text == null) {
            return null;
        }
        try {
            BigDecimal v = new BigDecimal(text.trim());
            return v.scale() < 0 ? v.setScale(0) : v.scale() > MICROS ? v.setScale(MICROS, RoundingMode.HALF_EVEN) : v;
        } catch (NumberFormatException e) {
            return BigDecimal.valueOf(rs.getDouble(column));
        }
    }
}
