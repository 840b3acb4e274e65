package dev.ipcm.protocol.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * MariaDB's and MySQL's liveness tokens: a named lock ({@code GET_LOCK}) held by the client's
 * session. Named locks are server-wide, so the name is built from the database (the store) and
 * the client name, lower-cased as the default collation compares names, hashed to stay within
 * the 64 characters a lock name may have. The server computes it, so no extra round trip asks
 * for the database's name.
 */
final class MySQLFamilyTokens implements LivenessTokens {
    static final MySQLFamilyTokens INSTANCE = new MySQLFamilyTokens();
    // DATABASE() is utf8mb3, a bound string utf8mb4: converted, or CONCAT refuses to mix their collations.
    private static final String LOCK_NAME = "CONCAT('ipcm_', LEFT(SHA2(CONCAT(CONVERT(DATABASE() USING utf8mb4), '/', LOWER(CONVERT(? USING utf8mb4))), 256), 40))";

    private MySQLFamilyTokens() {}

    @Override
    public boolean take(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT GET_LOCK(" + LOCK_NAME + ", 0)")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getInt(1) == 1;
            }
        }
    }

    @Override
    public void release(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT RELEASE_LOCK(" + LOCK_NAME + ")")) {
            ps.setString(1, name);
            ps.executeQuery().close();
        }
    }

    @Override
    public Set<String> held(Connection c, Collection<String> names) throws SQLException {
        if (names.isEmpty()) {
            return Set.of();
        }
        List<String> list = new ArrayList<>(names);
        Set<String> out = new LinkedHashSet<>();
        for (int from = 0; from < list.size(); from += SqlStore.CHUNK) {
            List<String> chunk = list.subList(from, Math.min(list.size(), from + SqlStore.CHUNK));
            String sql = "SELECT " + String.join(", ", Collections.nCopies(chunk.size(), "IS_USED_LOCK(" + LOCK_NAME + ")"));
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < chunk.size(); i++) {
                    ps.setString(i + 1, chunk.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    for (int i = 0; i < chunk.size(); i++) {
                        if (rs.getObject(i + 1) != null) {
                            out.add(chunk.get(i));
                        }
                    }
                }
            }
        }
        return out;
    }
}
