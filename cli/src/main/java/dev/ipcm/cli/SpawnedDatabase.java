package dev.ipcm.cli;

import dev.ipcm.NotSupportedException;
import dev.ipcm.StoreGoneException;
import dev.ipcm.protocol.db.server.DatabaseServers;
import dev.ipcm.spi.Protocol;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A database that {@code ipcm spawn} created on the configured server, and that {@code ipcm destroy}
 * may therefore drop. It knows one by two marks (docs/cli.md): the name, {@code ipcm_} and 16
 * random hex digits, which only a spawn gives a database; and the store's table {@code ipcm_peers}
 * in it (MariaDB, MySQL) or the database on the configured server (PostgreSQL). A database given
 * as {@code route} keeps its own name and is never dropped.
 */
final class SpawnedDatabase {
    private static final Pattern SPAWNED = Pattern.compile("ipcm_[0-9a-f]{16}");
    private static final Pattern DATABASE = Pattern.compile("(?i)(?:^dbi:[^:]*:|;)(?:dbname|database|db)=([^;]+)");

    private SpawnedDatabase() {}

    static DatabaseServers.Kind kind(Protocol protocol) {
        return DatabaseServers.Kind.valueOf(protocol.name().toUpperCase(Locale.ROOT));
    }

    /** Before a spawn without {@code route}: the database must live on a configured server, not in a temporary one. */
    static void requireServer(Protocol protocol, Map<String, String> params) {
        DatabaseServers.Kind kind = kind(protocol);
        if (!params.containsKey("route") && !params.containsKey("server") && DatabaseServers.configuredUrl(kind).isEmpty()) {
            throw new NotSupportedException("A " + protocol.name() + " store that outlives 'ipcm spawn' needs a server: "
                    + "set " + kind.environmentVariable() + " to its JDBC URL (e.g. " + example(kind) + "), "
                    + "or pass --param route=DSN to use an existing database; a temporary server would end "
                    + "with the command");
        }
    }

    /** Refuses a route whose database a spawn did not create. */
    static void requireSpawned(String route) {
        String name = name(route);
        if (!SPAWNED.matcher(name).matches()) {
            throw new NotSupportedException("'ipcm destroy' drops only databases 'ipcm spawn' created (named ipcm_ and "
                    + "16 hex digits); '" + name + "' in '" + route + "' is left as it is, tables and rows included "
                    + "(as IPC::Manager does); drop its tables with your database tools if they are no longer needed");
        }
    }

    /** Drops the store's database, which {@link #requireSpawned} accepted, on the configured server. */
    static void drop(Protocol protocol, String route, Map<String, String> credentials) {
        String name = name(route);
        DatabaseServers.Kind kind = kind(protocol);
        String url = DatabaseServers.configuredUrl(kind).filter(u -> u.startsWith("jdbc:")).orElseThrow(() ->
                new NotSupportedException("To drop database " + name + ", 'ipcm destroy' connects to its server: set "
                        + kind.environmentVariable() + " to the server's JDBC URL (e.g. " + example(kind) + ")"));
        boolean postgres = kind == DatabaseServers.Kind.POSTGRESQL;
        Properties props = new Properties();
        props.putAll(credentials);
        try (Connection c = DriverManager.getConnection(url, props)) {
            if (!holdsStore(c, name, postgres)) {
                throw new StoreGoneException("There is no " + protocol.name() + " store " + name + " on the server of "
                        + kind.environmentVariable() + ": it was already destroyed, or the info string is stale; "
                        + "nothing to destroy");
            }
            try (Statement s = c.createStatement()) {
                // The name matched the pattern above, so it is a safe identifier.
                s.execute("DROP DATABASE " + name + (postgres ? " WITH (FORCE)" : ""));
            }
        } catch (SQLException e) {
            throw new dev.ipcm.IpcmException("Could not drop database " + name + " through " + kind.environmentVariable()
                    + ": " + e.getMessage(), e);
        }
    }

    private static String name(String route) {
        Matcher m = DATABASE.matcher(route);
        return m.find() ? m.group(1) : "";
    }

    private static boolean holdsStore(Connection c, String name, boolean postgres) throws SQLException {
        String sql = postgres ? "SELECT 1 FROM pg_database WHERE datname = ?"
                : "SELECT 1 FROM information_schema.tables WHERE table_schema = ? AND table_name = 'ipcm_peers'";
        try (PreparedStatement q = c.prepareStatement(sql)) {
            q.setString(1, name);
            try (ResultSet r = q.executeQuery()) {
                return r.next();
            }
        }
    }

    private static String example(DatabaseServers.Kind kind) {
        return switch (kind) {
            case POSTGRESQL -> "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres";
            case MARIADB -> "jdbc:mariadb://127.0.0.1:3306/test?user=root";
            case MYSQL -> "jdbc:mysql://127.0.0.1:3306/test?user=root";
        };
    }
}
