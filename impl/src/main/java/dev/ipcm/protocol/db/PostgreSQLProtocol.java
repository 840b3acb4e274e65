package dev.ipcm.protocol.db;

import dev.ipcm.protocol.db.server.DatabaseServers;
import dev.ipcm.protocol.db.server.TempPostgreSQL;
import dev.ipcm.protocol.db.server.TempServer;
import dev.ipcm.protocol.db.server.TemporaryServerException;
import dev.ipcm.Capabilities;
import dev.ipcm.Capability;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * PostgreSQL: a store in a PostgreSQL database, shared with IPC::Manager's {@code PostgreSQL}
 * protocol. The route is a Perl DBI DSN ({@code dbi:Pg:dbname=...;host=...;port=...}) or a JDBC
 * URL. Receivers wake on {@code LISTEN/NOTIFY} from Java senders and re-check the table with a
 * back-off for Perl senders, which never notify.
 *
 * <p>Spawn uses, in order, the {@code route} parameter, the server configured by
 * {@code IPCM_POSTGRESQL_URL} / {@code -Dipcm.postgresql.url} (a fresh database per store), or a
 * private temporary server started from the {@code initdb} and {@code postgres} binaries.
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class PostgreSQLProtocol extends ServerProtocol {
    static final Capabilities CAPABILITIES = Capabilities.of(Capability.CROSS_PROCESS, Capability.SUSPEND,
            Capability.DISCONNECTED_PEERS_ADDRESSABLE, Capability.REQUIRES_SERVER, Capability.MESSAGE_WAKEUP,
            Capability.KEEPS_MAIL)
            .withMaxMessageBytes(PostgreSQLDialect.INSTANCE.maxContentBytes());

    /** The protocol, as {@link java.util.ServiceLoader} creates it. */
    public PostgreSQLProtocol() {
        super(PostgreSQLDialect.INSTANCE, CAPABILITIES, DatabaseServers.Kind.POSTGRESQL);
    }

    @Override
    Optional<String> tempServerMissing() {
        return TempPostgreSQL.missing();
    }

    @Override
    TempServer startTempServer() throws TemporaryServerException {
        return TempPostgreSQL.start(this::connectAs);
    }

    @Override
    String tempServerRemedy() {
        return "install the PostgreSQL server (initdb, postgres) for a temporary server";
    }

    @Override
    ActivityWaiter waiter(DbSession session, String clientName) {
        if (!session.canOpenAnother()) {
            // LISTEN needs a connection of its own; the application gave only one.
            return new BackoffWaiter(MariaDBProtocol.MIN_POLL_NANOS, MariaDBProtocol.MAX_POLL_NANOS);
        }
        return new PostgreSQLNotifyWaiter(session, clientName);
    }
}
