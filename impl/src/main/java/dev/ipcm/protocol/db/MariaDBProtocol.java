package dev.ipcm.protocol.db;

import dev.ipcm.protocol.db.server.DatabaseServers;
import dev.ipcm.protocol.db.server.TempMariaDB;
import dev.ipcm.protocol.db.server.TempServer;
import dev.ipcm.protocol.db.server.TemporaryServerException;
import dev.ipcm.Capabilities;
import dev.ipcm.Capability;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apiguardian.api.API;

/**
 * MariaDB (10.7 or later): a store in a MariaDB database, shared with IPC::Manager's
 * {@code MariaDB} protocol. The route is a Perl DBI DSN
 * ({@code dbi:MariaDB:dbname=...;host=...} or {@code ...;mariadb_socket=...}) or a JDBC URL.
 * Content is limited to 65,535 serialized bytes (a BLOB column) and names are compared without
 * regard to case (the default collation), so a name differing from a registered one only in case
 * is refused. Receivers poll with a bounded back-off: MariaDB cannot notify.
 *
 * <p>Spawn uses, in order, the {@code route} parameter, the server configured by
 * {@code IPCM_MARIADB_URL} / {@code -Dipcm.mariadb.url} (a fresh database per store), or a private
 * temporary server started from the {@code mariadb-install-db} and {@code mariadbd} binaries.
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class MariaDBProtocol extends ServerProtocol {
    static final Capabilities CAPABILITIES = Capabilities.of(Capability.CROSS_PROCESS, Capability.SUSPEND,
            Capability.DISCONNECTED_PEERS_ADDRESSABLE, Capability.REQUIRES_SERVER, Capability.CASE_INSENSITIVE_NAMES,
            Capability.KEEPS_MAIL)
            .withMaxMessageBytes(MySQLFamilyDialect.MAX_BLOB);
    /** First re-check after 1 ms (at most one query per receiver per millisecond), then doubling. */
    static final long MIN_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    /**
     * Longest pause between checks while idle: the worst-case added latency per hop. At 50 ms a
     * receiver idle between two round trips (any paced traffic) reached the cap, and ipcm bench
     * measured a 37 ms p50 round trip against 4 ms for plain JDBC; at 2 ms an idle receiver asks
     * at most 500 times a second, inside the budget of one query per millisecond.
     */
    static final long MAX_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(2);

    /** The protocol, as {@link java.util.ServiceLoader} creates it. */
    public MariaDBProtocol() {
        super(MariaDBDialect.INSTANCE, CAPABILITIES, DatabaseServers.Kind.MARIADB);
    }

    @Override
    Optional<String> tempServerMissing() {
        return TempMariaDB.missing();
    }

    @Override
    TempServer startTempServer() throws TemporaryServerException {
        return TempMariaDB.start(this::connectAs);
    }

    @Override
    String tempServerRemedy() {
        return "install the MariaDB server (mariadb-install-db, mariadbd) for a temporary server";
    }

    @Override
    ActivityWaiter waiter(DbSession session, String clientName) {
        return new BackoffWaiter(MIN_POLL_NANOS, MAX_POLL_NANOS);
    }
}
