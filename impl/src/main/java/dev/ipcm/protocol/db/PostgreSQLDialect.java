package dev.ipcm.protocol.db;

import dev.ipcm.protocol.db.jdbc.PromptPeekSocketFactory;
import dev.ipcm.protocol.db.jdbc.PromptPeekUnixSocketFactory;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Properties;

/**
 * PostgreSQL: double-quote quoting, NUMERIC seconds bound as exact decimals, UUID-typed ids,
 * BYTEA blobs, and connections over TCP or, through junixsocket, over a server's Unix socket.
 */
final class PostgreSQLDialect extends Dialect {
    static final PostgreSQLDialect INSTANCE = new PostgreSQLDialect();
    static final int DEFAULT_PORT = 5432;
    /** bytea's limit: 1 GB. */
    private static final long MAX_BYTEA = (1L << 30) - 1;
    private static final String SOCKET_FACTORY = "org.newsclub.net.unix.AFUNIXSocketFactory$FactoryArg";

    private PostgreSQLDialect() {
        super("PostgreSQL", new Driver("org.postgresql.Driver", "org.postgresql:postgresql"), '"', MAX_BYTEA,
                new Columns("NUMERIC", "EXTRACT(epoch FROM NOW())", "BYTEA", "UUID", "FALSE"));
    }

    @Override
    LivenessTokens tokens() {
        return PostgreSQLTokens.INSTANCE;
    }

    @Override
    void bindId(PreparedStatement ps, int index, String id) throws SQLException {
        ps.setObject(index, uuidId(id));
    }

    /**
     * A UUID column hands an id back in lower case; IPC::Manager and this library write ids in
     * upper case, so the spelling the sender used is restored and a message arrives as it was sent.
     */
    @Override
    String readId(String stored) {
        return stored == null ? null : stored.toUpperCase(java.util.Locale.ROOT);
    }

    @Override
    void bindSeconds(PreparedStatement ps, int index, BigDecimal seconds) throws SQLException {
        if (seconds == null) {
            ps.setNull(index, Types.NUMERIC);
        } else {
            ps.setBigDecimal(index, seconds);
        }
    }

    @Override
    void bindFlag(PreparedStatement ps, int index, boolean value) throws SQLException {
        ps.setBoolean(index, value);
    }

    @Override
    JdbcTarget target(DbLocation location, DbCredentials credentials) {
        Properties p = login(credentials);
        p.setProperty("connectTimeout", "10");
        p.setProperty("ApplicationName", "ipcm");
        if (location.jdbcUrl) {
            return new JdbcTarget(location.route, p);
        }
        int port = location.port == null ? DEFAULT_PORT : location.port;
        String host = location.host;
        if (host == null) {
            // libpq's default is its compiled-in socket directory; Debian's, then upstream's.
            String sock = existingSocket("/var/run/postgresql/.s.PGSQL." + port, "/tmp/.s.PGSQL." + port);
            host = sock == null ? "localhost" : sock.substring(0, sock.lastIndexOf('/'));
        }
        String db = location.database == null ? credentials.user() : location.database;
        String url;
        if (host.startsWith("/")) {
            p.setProperty("socketFactory", SOCKET_FACTORY);
            p.setProperty("socketFactoryArg", host + "/.s.PGSQL." + port);
            p.setProperty("sslmode", "disable");
            url = "jdbc:postgresql://localhost:" + port + "/" + DbLocation.encode(db);
        } else {
            url = "jdbc:postgresql://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port + "/"
                    + DbLocation.encode(db);
        }
        String sslmode = location.options.get("sslmode");
        if (sslmode != null) {
            p.setProperty("sslmode", sslmode);
        }
        String options = location.options.get("options");
        if (options != null) {
            p.setProperty("options", options);
        }
        return new JdbcTarget(url, p);
    }

    /**
     * The target of a listening connection: the client's, over sockets that do not make each
     * notification wait a millisecond or more ({@link PromptPeekSocketFactory} over TCP,
     * {@link PromptPeekUnixSocketFactory} over a server's Unix socket). A JDBC URL that names a
     * socket factory of its own keeps it (its parameters win).
     */
    static JdbcTarget listenerTarget(JdbcTarget client) {
        String factory = client.properties().getProperty("socketFactory");
        String replacement;
        if (factory == null) {
            replacement = PromptPeekSocketFactory.class.getName();
        } else if (factory.equals(SOCKET_FACTORY)) {
            replacement = PromptPeekUnixSocketFactory.class.getName();
        } else {
            return client;
        }
        Properties p = new Properties();
        p.putAll(client.properties());
        p.setProperty("socketFactory", replacement);
        return new JdbcTarget(client.url(), p);
    }

    /** The Unix socket file of a route that names a socket directory, or null for TCP. */
    static String socketFile(DbLocation location) {
        if (location.socket != null) {
            return location.socket;
        }
        if (location.host != null && location.host.startsWith("/")) {
            return location.host + "/.s.PGSQL." + (location.port == null ? DEFAULT_PORT : location.port);
        }
        return null;
    }
}
