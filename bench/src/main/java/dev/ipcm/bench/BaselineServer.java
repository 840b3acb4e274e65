package dev.ipcm.bench;

import dev.ipcm.protocol.db.server.DatabaseServers;
import java.util.Optional;

/** Finds the database server a raw JDBC baseline runs against, with its credentials. */
final class BaselineServer {
    private BaselineServer() {}

    /**
     * The server for a raw JDBC baseline: the one given in the options, else the JDBC URL the
     * protocol itself is configured with (so both run on the same server). Credentials come from
     * the URL, else {@code IPCM_DB_USER}/{@code IPCM_DB_PASSWORD}, else the OS user, as the
     * protocols find theirs.
     */
    static Optional<BenchOptions.Database> find(String protocol, DatabaseServers.Kind kind, BenchOptions options) {
        Optional<BenchOptions.Database> given = options.database(protocol);
        if (given.isPresent()) {
            return given;
        }
        return DatabaseServers.configuredUrl(kind).filter(url -> url.startsWith("jdbc:")).map(url -> {
            String user = url.contains("user=") ? null : envOr("IPCM_DB_USER", System.getProperty("user.name", ""));
            String password = url.contains("password=") ? null : envOr("IPCM_DB_PASSWORD", "");
            return new BenchOptions.Database(url, user, password);
        });
    }

    private static String envOr(String name, String fallback) {
        String v = System.getenv(name);
        return v == null ? fallback : v;
    }
}
