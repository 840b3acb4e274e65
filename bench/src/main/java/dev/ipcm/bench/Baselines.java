package dev.ipcm.bench;

import dev.ipcm.protocol.db.server.DatabaseServers;
import java.util.Optional;
import java.util.Set;

/** Which raw transport lies under each protocol, so each is measured beside the right one. */
final class Baselines {
    private static final Set<String> DATABASES = Set.of("SQLite", "PostgreSQL", "MariaDB", "MySQL");

    private Baselines() {}

    static boolean isDatabase(String protocol) {
        return DATABASES.contains(protocol);
    }

    /** The raw transport under {@code protocol}, or empty for a protocol this runner does not know. */
    static Optional<Transport> forProtocol(String protocol, BenchOptions options) {
        switch (protocol) {
            case "UnixSocket":
                return Optional.of(new RawDatagram());
            case "ConnectionUnix":
                return Optional.of(new RawStream());
            case "AtomicPipe":
                return Optional.of(new RawFifo());
            case "MessageFiles":
            case "JSONFile":
                return Optional.of(new RawRename());
            case "SQLite":
                return Optional.of(new RawJdbc("SQLite", null, "", ""));
            case "PostgreSQL":
                return server(protocol, DatabaseServers.Kind.POSTGRESQL, options)
                        .map(d -> new RawJdbc("PostgreSQL", d.url(), d.user(), d.password()));
            case "MariaDB":
                return server(protocol, DatabaseServers.Kind.MARIADB, options)
                        .map(d -> new RawJdbc("MariaDB", d.url(), d.user(), d.password()));
            case "MySQL":
                return server(protocol, DatabaseServers.Kind.MYSQL, options)
                        .map(d -> new RawJdbc("MariaDB", d.url(), d.user(), d.password()));
            default:
                return Optional.empty();
        }
    }

    /**
     * The server for a raw JDBC baseline: the one given in the options, else the JDBC URL the
     * protocol itself is configured with (so both run on the same server). Credentials come from
     * the URL, else {@code IPCM_DB_USER}/{@code IPCM_DB_PASSWORD}, else the OS user, as the
     * protocols find theirs.
     */
    private static Optional<BenchOptions.Database> server(String protocol, DatabaseServers.Kind kind, BenchOptions options) {
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
