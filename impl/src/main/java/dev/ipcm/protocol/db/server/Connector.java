package dev.ipcm.protocol.db.server;

import java.sql.Connection;
import org.apiguardian.api.API;

/**
 * How the server machinery opens a JDBC connection: through the protocol's dialect, which
 * this package does not know.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
@FunctionalInterface
public interface Connector {
    /**
     * A connection to the database a Perl DSN names, as {@code user} with an empty password.
     *
     * @throws RuntimeException the protocol's exception when the connection fails
     */
    Connection open(String route, String user);
}
