package dev.ipcm.protocol.db;

import java.sql.SQLException;
import java.util.Properties;

/**
 * What MariaDB and MySQL share: back-tick quoting, DOUBLE seconds, BLOB content limited to
 * 65,535 bytes, and case-insensitive ids under the servers' default collations.
 */
abstract class MySQLFamilyDialect extends Dialect {
    static final int DEFAULT_PORT = 3306;
    /** A BLOB column holds at most 2^16 - 1 bytes. */
    static final long MAX_BLOB = 65_535;
    /** Where libmariadb looks for the server's socket when a DSN names neither host nor socket (Debian). */
    private static final String DEFAULT_SOCKET = "/run/mysqld/mysqld.sock";

    private final String subProtocol;

    /**
     * @param idType the type of {@code ipcm_messages.id}
     * @param subProtocol the JDBC sub-protocol, e.g. {@code mariadb}
     */
    MySQLFamilyDialect(String protocolName, Driver driver, String idType, String subProtocol) {
        super(protocolName, driver, '`', MAX_BLOB, new Columns("DOUBLE", "UNIX_TIMESTAMP()", "BLOB", idType, "FALSE"));
        this.subProtocol = subProtocol;
    }

    /** Sets the properties that route a connection through a Unix socket file. */
    abstract void useSocket(Properties properties, String socketFile);

    @Override
    LivenessTokens tokens() {
        return MySQLFamilyTokens.INSTANCE;
    }

    @Override
    boolean caseInsensitiveNames() {
        return true;
    }

    @Override
    JdbcTarget target(DbLocation location, DbCredentials credentials) {
        Properties p = login(credentials);
        p.setProperty("connectTimeout", "10000");
        if (location.jdbcUrl) {
            return new JdbcTarget(location.route, p);
        }
        String socket = location.socket;
        if (socket == null && location.host == null) {
            socket = existingSocket(DEFAULT_SOCKET);
        }
        String db = location.database == null ? "" : DbLocation.encode(location.database);
        if (socket != null) {
            useSocket(p, socket);
            return new JdbcTarget("jdbc:" + subProtocol + "://localhost/" + db, p);
        }
        String host = location.host == null ? "localhost" : location.host;
        int port = location.port == null ? DEFAULT_PORT : location.port;
        return new JdbcTarget("jdbc:" + subProtocol + "://" + host + ":" + port + "/" + db, p);
    }

    @Override
    boolean isDuplicateKey(SQLException e) {
        return e.getErrorCode() == 1062 || super.isDuplicateKey(e);
    }

    /** Whether an insert failed on a value too long for its column (strict SQL mode). */
    static boolean isDataTooLong(SQLException e) {
        return e.getErrorCode() == 1406 || text(e).contains("data too long");
    }
}
