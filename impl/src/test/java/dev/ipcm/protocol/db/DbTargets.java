package dev.ipcm.protocol.db;

import static org.junit.jupiter.api.Assertions.fail;

import dev.ipcm.SpawnOptions;
import dev.ipcm.protocol.db.server.DatabaseServers;
import dev.ipcm.protocol.db.server.TempMariaDB;
import dev.ipcm.protocol.db.server.TempPostgreSQL;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Assumptions;

/**
 * The database servers the tests run against, and what happens when one is missing: with
 * {@code IPCM_REQUIRE_DATABASES=true} (system property or environment) the test fails, otherwise
 * it is aborted with the reason.
 */
enum DbTargets {
    SQLITE("SQLite", null, null),
    POSTGRESQL_SERVER("PostgreSQL", DatabaseServers.Kind.POSTGRESQL, "jdbc:postgresql://127.0.0.1:5432/test?user=postgres"),
    POSTGRESQL_TEMPORARY("PostgreSQL", null, ServerProtocol.TEMPORARY),
    MARIADB_SERVER("MariaDB", DatabaseServers.Kind.MARIADB, "jdbc:mariadb://127.0.0.1:3306/test?user=root"),
    MARIADB_TEMPORARY("MariaDB", null, ServerProtocol.TEMPORARY),
    /** No MySQL server exists here: the MySQL protocol runs with MySQL Connector/J against the local MariaDB. */
    MYSQL_SERVER("MySQL", DatabaseServers.Kind.MYSQL, "jdbc:mysql://127.0.0.1:3306/test?user=root"),
    /** A temporary MariaDB server driven through MySQL Connector/J over its Unix socket. */
    MYSQL_TEMPORARY("MySQL", null, ServerProtocol.TEMPORARY);

    static final String REQUIRE = "IPCM_REQUIRE_DATABASES";

    final String protocol;
    private final DatabaseServers.Kind kind;
    private final String defaultUrl;

    DbTargets(String protocol, DatabaseServers.Kind kind, String defaultUrl) {
        this.protocol = protocol;
        this.kind = kind;
        this.defaultUrl = defaultUrl;
    }

    static boolean required() {
        String v = System.getProperty(REQUIRE, System.getenv(REQUIRE));
        return "true".equalsIgnoreCase(v);
    }

    /** Fails (when databases are required) or aborts the test with the reason. */
    static void unavailable(String reason) {
        if (required()) {
            fail(reason + " (" + REQUIRE + "=true makes this a failure)");
        }
        Assumptions.abort(reason);
    }

    /** The server URL or {@code temporary}, after checking it can be used here. */
    String server() {
        if (this == SQLITE) {
            return null;
        }
        if (defaultUrl.equals(ServerProtocol.TEMPORARY)) {
            String missing = (protocol.equals("PostgreSQL") ? TempPostgreSQL.missing() : TempMariaDB.missing()).orElse(null);
            if (missing != null) {
                unavailable("Cannot start a temporary " + protocol + " server: " + missing);
            }
            return defaultUrl;
        }
        String url = DatabaseServers.configuredUrl(kind).orElse(defaultUrl);
        DbLocation loc = DbLocation.parse(url, false);
        Dialect d = dialect();
        JdbcTarget t = d.target(loc, DbCredentials.resolve(Map.of(), loc));
        Properties p = new Properties();
        p.putAll(t.properties());
        try (Connection c = DriverManager.getConnection(t.url(), p)) {
            if (!c.isValid(5)) {
                unavailable("The " + protocol + " server at " + url + " does not answer; set "
                        + kind.environmentVariable() + " to a reachable server");
            }
            return url;
        } catch (SQLException e) {
            unavailable("No " + protocol + " server at " + url + " (" + e.getMessage() + "); set "
                    + kind.environmentVariable() + " to a reachable server");
            return null;
        }
    }

    /** The database user for child processes, which cannot see this JVM's remembered credentials. */
    String user() {
        if (this == SQLITE || defaultUrl.equals(ServerProtocol.TEMPORARY)) {
            return null;
        }
        DbLocation loc = DbLocation.parse(server(), false);
        return DbCredentials.resolve(Map.of(), loc).user();
    }

    Dialect dialect() {
        return switch (protocol) {
            case "SQLite" -> SQLiteDialect.INSTANCE;
            case "PostgreSQL" -> PostgreSQLDialect.INSTANCE;
            case "MariaDB" -> MariaDBDialect.INSTANCE;
            default -> MySQLDialect.INSTANCE;
        };
    }

    /** Spawn options for a fresh store on this target. */
    SpawnOptions spawnOptions() {
        SpawnOptions o = SpawnOptions.defaults().protocol(protocol).serializer("JSON");
        String server = server();
        return server == null ? o : o.param(ServerProtocol.SERVER_PARAM, server);
    }

    /** A raw connection to a store's database, for looking at rows. */
    static Connection raw(String protocol, String route) {
        DatabaseProtocol p = (DatabaseProtocol) dev.ipcm.spi.Protocols.byName(protocol);
        DbLocation loc = p.location(route);
        DbCredentials c = DbCredentials.resolve(Map.of(), loc);
        return DbSession.open(p.dialect, loc, p.dialect.target(loc, c), c);
    }
}
