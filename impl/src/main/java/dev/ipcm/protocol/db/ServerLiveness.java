package dev.ipcm.protocol.db;

import dev.ipcm.os.HostIdentity;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Liveness of the clients of a server store, on any machine (docs/protocols/databases.md, "Across
 * machines"). A Java client holds its {@link LivenessTokens token} for the life of its session
 * and records, in a table of ours the reference never reads ({@code ipcm_liveness}), the pid,
 * connect time and host of the registration it holds the token for. A peer row that such a
 * record matches (same pid and connect time) is alive exactly while the token is held; a row no
 * record matches (a Perl peer, or a Java one whose record a later registration replaced) is left
 * to the pid check, which is right for a peer on this host.
 */
final class ServerLiveness {
    /** A registration a Java client recorded: where it runs and whether its token is held now. */
    record Owner(String hostId, String hostName, boolean held) {}

    private static final System.Logger LOG = System.getLogger("dev.ipcm");

    private final Dialect d;
    private final LivenessTokens tokens;
    private final TokenFreeSince freeSince;
    private final String create;
    private final String forget;
    private final String record;
    private final String owners;
    private final String ownerOf;
    /** False once the table could not be created (no right to): then the pid check alone applies, as on one host. */
    private boolean usable;
    /** False once the free-since table could not be created: then this client's sweeps never delete a Java peer of another host. */
    private boolean freeSinceUsable = true;
    /** Whether this client made sure of the table already (a reconnect need not ask again). */
    private boolean tableReady;

    ServerLiveness(Dialect d) {
        this.d = d;
        this.tokens = d.tokens();
        this.usable = tokens != null;
        this.freeSince = new TokenFreeSince(d);
        String id = d.q("id");
        String pid = d.q("pid");
        String active = d.q("active");
        create = "CREATE TABLE IF NOT EXISTS ipcm_liveness(" + id + " VARCHAR(512) NOT NULL PRIMARY KEY, " + pid
                + " INTEGER NOT NULL, " + active + " " + d.secondsColumn() + " NOT NULL, " + d.q("host_id")
                + " VARCHAR(255) NOT NULL, " + d.q("host_name") + " VARCHAR(255) NOT NULL)";
        forget = "DELETE FROM ipcm_liveness WHERE " + id + " = ?";
        record = "INSERT INTO ipcm_liveness(" + id + ", " + pid + ", " + active + ", " + d.q("host_id") + ", "
                + d.q("host_name") + ") VALUES (?, ?, ?, ?, ?)";
        owners = "SELECT l." + id + ", l." + d.q("host_id") + ", l." + d.q("host_name") + " FROM ipcm_liveness l JOIN"
                + " ipcm_peers p ON p." + id + " = l." + id + " AND p." + pid + " = l." + pid + " AND p." + active
                + " = l." + active;
        ownerOf = owners + " WHERE l." + id + " = ?";
    }

    /** Whether this store keeps tokens at all. */
    boolean enabled() {
        return usable;
    }

    /**
     * Makes sure the table exists and takes the token of {@code name} on this session.
     *
     * @return false when another session holds the token: a live client of that name exists
     */
    boolean claim(Connection c, String name) throws SQLException {
        if (!usable) {
            return true;
        }
        if (!tableReady) {
            String failure = createTable(c, "ipcm_liveness", create);
            if (failure != null) {
                usable = false;
                LOG.log(System.Logger.Level.WARNING, "ipcm_liveness could not be created (" + failure
                        + "); liveness on this " + d.protocolName() + " store falls back to pids, right on one host only");
                return true;
            }
            failure = createTable(c, "ipcm_liveness_free", freeSince.createStatement());
            if (failure != null) {
                freeSinceUsable = false;
                LOG.log(System.Logger.Level.WARNING, "ipcm_liveness_free could not be created (" + failure + "); this"
                        + " client's sweeps on the " + d.protocolName() + " store never remove Java peers of other hosts");
            }
            tableReady = true;
        }
        return tokens.take(c, name);
    }

    /** Records the registration this session holds the token for. */
    void record(Connection c, String name, long pid, BigDecimal active) throws SQLException {
        if (!usable) {
            return;
        }
        forget(c, name);
        HostIdentity host = HostIdentity.local();
        try (PreparedStatement ps = c.prepareStatement(record)) {
            ps.setString(1, name);
            ps.setInt(2, (int) pid);
            d.bindSeconds(ps, 3, active);
            ps.setString(4, host.id());
            ps.setString(5, truncate(host.name()));
            ps.executeUpdate();
        }
    }

    /** Releases the token on a session that outlives the client (the application's connection). */
    void release(Connection c, String name) throws SQLException {
        if (usable) {
            tokens.release(c, name);
        }
    }

    /** Removes the record of a peer that was swept away (or is recorded anew), with its free-since stamp. */
    void forget(Connection c, String name) throws SQLException {
        if (!usable) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(forget)) {
            ps.setString(1, name);
            ps.executeUpdate();
        }
        clearFree(c, name);
    }

    /** When sweeps first saw each Java peer's token free, by id (only peers seen so). */
    Map<String, BigDecimal> freeStamps(Connection c) throws SQLException {
        return usable && freeSinceUsable ? freeSince.all(c) : Map.of();
    }

    /**
     * Stamps {@code name}'s token free since {@code now} unless a sweep did already; returns the
     * stamp in force, or null when there is no table to keep it in.
     */
    BigDecimal stampFree(Connection c, String name, BigDecimal now) throws SQLException {
        return freeSinceUsable ? freeSince.stamp(c, name, now) : null;
    }

    /** Removes {@code name}'s free-since stamp: its owner holds the token again. */
    void clearFree(Connection c, String name) throws SQLException {
        if (usable && freeSinceUsable) {
            freeSince.clear(c, name);
        }
    }

    /** Every current registration a Java client recorded, by id. */
    Map<String, Owner> owners(Connection c) throws SQLException {
        return usable ? query(c, owners, null) : Map.of();
    }

    /** The recorded owner of {@code name}'s current registration, or null (none recorded: a Perl peer). */
    Owner owner(Connection c, String name) throws SQLException {
        return usable ? query(c, ownerOf, name).get(name) : null;
    }

    private Map<String, Owner> query(Connection c, String sql, String name) throws SQLException {
        Map<String, String[]> rows = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            if (name != null) {
                ps.setString(1, name);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.put(rs.getString(1), new String[] {rs.getString(2), rs.getString(3)});
                }
            }
        }
        if (rows.isEmpty()) {
            return Map.of();
        }
        Set<String> held = tokens.held(c, rows.keySet());
        Map<String, Owner> out = new LinkedHashMap<>();
        rows.forEach((id, host) -> out.put(id, new Owner(host[0], host[1], held.contains(id))));
        if (name != null && !out.containsKey(name) && out.size() == 1) {
            // A case-insensitive collation matched the row under another spelling of the name.
            out.put(name, out.values().iterator().next());
        }
        return out;
    }

    /**
     * Creates a table if the store has none; returns why it failed, or null when the table is
     * there after all. A failed {@code CREATE TABLE IF NOT EXISTS} need not mean a missing table:
     * another client may have created it at the same moment (PostgreSQL then reports a duplicate
     * key, table or type), or this user may lack the right to create tables in a store whose
     * owner created them already (both servers check that right before they look for the
     * table). Asking whether the table can be read covers every such case without a list of
     * error codes.
     */
    private String createTable(Connection c, String table, String ddl) {
        try (Statement s = c.createStatement()) {
            s.execute(ddl);
            return null;
        } catch (SQLException e) {
            return exists(c, table) ? null : e.getMessage();
        }
    }

    private static boolean exists(Connection c, String table) {
        try (Statement s = c.createStatement()) {
            s.executeQuery("SELECT 1 FROM " + table + " WHERE 1 = 0").close();
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    private static String truncate(String hostName) {
        return hostName.length() <= 255 ? hostName : hostName.substring(0, 255);
    }
}
