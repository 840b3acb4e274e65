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
                return BaselineServer.find(protocol, DatabaseServers.Kind.POSTGRESQL, options)
                        .map(d -> new RawJdbc("PostgreSQL", d.url(), d.user(), d.password()));
            case "MariaDB":
                return BaselineServer.find(protocol, DatabaseServers.Kind.MARIADB, options)
                        .map(d -> new RawJdbc("MariaDB", d.url(), d.user(), d.password()));
            case "MySQL":
                return BaselineServer.find(protocol, DatabaseServers.Kind.MYSQL, options)
                        .map(d -> new RawJdbc("MariaDB", d.url(), d.user(), d.password()));
            default:
                return Optional.empty();
        }
    }
}
