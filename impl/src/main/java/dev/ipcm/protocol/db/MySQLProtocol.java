package dev.ipcm.protocol.db;

import dev.ipcm.protocol.db.server.DatabaseServers;
import dev.ipcm.protocol.db.server.TempMariaDB;
import dev.ipcm.protocol.db.server.TempServer;
import dev.ipcm.protocol.db.server.TemporaryServerException;
import dev.ipcm.Capabilities;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * MySQL: the MariaDB store with {@code id VARCHAR(36)} message ids, shared with IPC::Manager's
 * {@code MySQL} protocol, through MySQL Connector/J. Like the reference, it works against MariaDB
 * servers (Oracle MySQL before 9.0 ignores the schema's foreign keys, and MySQL 8 rejects its
 * {@code DEFAULT UNIX_TIMESTAMP()}). Routes are written as {@code dbi:MariaDB:...} DSNs, which is
 * what Perl uses for this protocol. Same limits as MariaDB: 65,535 content bytes, case-insensitive
 * names, polling with a bounded back-off.
 *
 * <p>Spawn uses, in order, the {@code route} parameter, the server configured by
 * {@code IPCM_MYSQL_URL} / {@code -Dipcm.mysql.url}, or a private temporary MariaDB server (reached
 * over its Unix socket through junixsocket-mysql).
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class MySQLProtocol extends ServerProtocol {
    static final Capabilities CAPABILITIES = MariaDBProtocol.CAPABILITIES;

    /** The protocol, as {@link java.util.ServiceLoader} creates it. */
    public MySQLProtocol() {
        super(MySQLDialect.INSTANCE, CAPABILITIES, DatabaseServers.Kind.MYSQL);
    }

    @Override
    Optional<String> tempServerMissing() {
        if (!classPresent(MySQLDialect.SOCKET_FACTORY)) {
            return Optional.of("junixsocket-mysql (needed to reach a temporary server's Unix socket) is not on the class path");
        }
        return TempMariaDB.missing();
    }

    @Override
    TempServer startTempServer() throws TemporaryServerException {
        return TempMariaDB.start(this::connectAs);
    }

    @Override
    String tempServerRemedy() {
        return "install the MariaDB server (mariadb-install-db, mariadbd) and add com.kohlschutter.junixsocket:"
                + "junixsocket-mysql for a temporary server";
    }

    @Override
    ActivityWaiter waiter(DbSession session, String clientName) {
        return new BackoffWaiter(MariaDBProtocol.MIN_POLL_NANOS, MariaDBProtocol.MAX_POLL_NANOS);
    }
}
