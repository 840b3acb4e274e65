package dev.ipcm.protocol.db;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * When a sweep first saw a Java peer's token free, kept in a table of ours beside
 * {@code ipcm_liveness} ({@code ipcm_liveness_free}; the reference never reads it): a sweep deletes
 * such a peer only once that moment is older than its {@link SweepGrace grace}, so a client whose
 * session was cut and is reconnecting keeps its row and inbox (docs/protocols/databases.md, "Across
 * machines"). The owner removes the stamp when it holds its token again.
 */
final class TokenFreeSince {
    private final Dialect d;
    private final String create;
    private final String all;
    private final String stamp;
    private final String clear;

    TokenFreeSince(Dialect d) {
        this.d = d;
        String id = d.q("id");
        String since = d.q("free_since");
        create = "CREATE TABLE IF NOT EXISTS ipcm_liveness_free(" + id + " VARCHAR(512) NOT NULL PRIMARY KEY, " + since
                + " " + d.secondsColumn() + " NOT NULL)";
        all = "SELECT " + id + ", " + since + " FROM ipcm_liveness_free";
        stamp = "INSERT INTO ipcm_liveness_free(" + id + ", " + since + ") VALUES (?, ?)";
        clear = "DELETE FROM ipcm_liveness_free WHERE " + id + " = ?";
    }

    /** The statement that creates the table when the store has none yet (a store made before it existed gets it too). */
    String createStatement() {
        return create;
    }

    /** Every stamp, by peer id. */
    Map<String, BigDecimal> all(Connection c) throws SQLException {
        Map<String, BigDecimal> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(all); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.put(rs.getString(1), SqlStore.seconds(rs, 2));
            }
        }
        return out;
    }

    /**
     * Stamps {@code peer}'s token free since {@code now}, unless another sweeper did a moment ago.
     *
     * @return the stamp in force: {@code now}, or the other sweeper's
     */
    BigDecimal stamp(Connection c, String peer, BigDecimal now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(stamp)) {
            ps.setString(1, peer);
            d.bindSeconds(ps, 2, now);
            ps.executeUpdate();
            return now;
        } catch (SQLException e) {
            if (d.isDuplicateKey(e)) {
                BigDecimal other = all(c).get(peer);
                return other == null ? now : other;
            }
            throw e;
        }
    }

    /** Removes {@code peer}'s stamp: its owner holds the token again, or its row is gone. */
    void clear(Connection c, String peer) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(clear)) {
            ps.setString(1, peer);
            ps.executeUpdate();
        }
    }
}
