package dev.ipcm.protocol.db;

import dev.ipcm.IpcmException;
import dev.ipcm.StoreGoneException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import javax.sql.DataSource;
import java.sql.SQLException;

/**
 * One client's JDBC connection: opened on first use, and replaced by a new one when the server
 * drops it (a restart, {@code pg_terminate_backend}, {@code KILL}), as the reference does with
 * its liveness probe. Not thread-safe; the client serialises access.
 */
final class DbSession implements AutoCloseable {
    /** Work on a connection. */
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private static final int VALID_SECONDS = 2;
    /** How long a client tries to reach the server again after its session broke (a restart takes seconds). */
    static final long RECONNECT_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
    private static final long RECONNECT_PAUSE_MAX_MILLIS = 1000;

    final Dialect dialect;
    final DbLocation location;
    private final JdbcTarget target;
    private final JdbcTarget listenerTarget;
    private final DbCredentials credentials;
    /** The application's pool, when it gave one; else connections come from the driver. */
    private final DataSource pool;
    private Connection connection;
    private StatementCache statements;
    /** Run on each connection that replaces a lost one, before the work is retried (the client re-takes its token). */
    private Work<Void> onReopen;
    /** Why this session may not go on (the client's name was taken while it reconnected); then every call fails with it. */
    private IpcmException broken;
    /** Whether a connection was opened before: the next one replaces a lost one. */
    private boolean opened;

    DbSession(Dialect dialect, DbLocation location, DbCredentials credentials) {
        this(dialect, location, credentials, null);
    }

    DbSession(Dialect dialect, DbLocation location, DbCredentials credentials, DataSource pool) {
        this.pool = pool;
        this.dialect = dialect;
        this.location = location;
        this.credentials = credentials;
        this.target = dialect.target(location, credentials);
        this.listenerTarget = dialect instanceof PostgreSQLDialect ? PostgreSQLDialect.listenerTarget(target) : target;
    }

    /** Sets the work run on every connection that replaces a lost one. */
    void onReopen(Work<Void> work) {
        this.onReopen = work;
    }

    /** Whether the session was refused on reconnect and serves no more calls. */
    boolean broken() {
        return broken != null;
    }

    /** Runs work on the current connection if there is one, without opening or replacing one. */
    void ifConnected(Work<Void> work) throws SQLException {
        if (connection != null) {
            work.run(connection);
        }
    }

    /** Whether {@link #openAnother()} gives a connection of its own (not so on the application's one connection). */
    boolean canOpenAnother() {
        return !(pool instanceof dev.ipcm.internal.OneConnection);
    }

    /** Opens a fresh connection to the same database for a listener; the caller closes it. */
    Connection openAnother() {
        return pool != null ? open(dialect, location, pool) : open(dialect, location, listenerTarget, credentials);
    }

    /** The current connection, opening one if needed. */
    Connection connection() {
        if (broken != null) {
            throw broken;
        }
        if (connection == null) {
            connection = pool != null ? open(dialect, location, pool) : open(dialect, location, target, credentials);
            statements = new StatementCache(connection);
            if (opened && onReopen != null) {
                reopened(connection);
            }
            opened = true;
        }
        return connection;
    }

    /** Runs the reopen work on a connection that replaced a lost one; a refusal ends the session for good. */
    private void reopened(Connection c) {
        try {
            onReopen.run(c);
        } catch (IpcmException refused) {
            broken = refused;
        } catch (SQLException e) {
            reset();
            throw SqlErrors.statementFailed(dialect, location, "take the client's token again after a reconnect", e);
        }
        if (broken != null) {
            reset();
            throw broken;
        }
    }

    /** The prepared statements of the current connection, opening one if needed. */
    StatementCache statements() {
        connection();
        return statements;
    }

    /**
     * Runs idempotent work; when the connection turns out to be dead, reconnects and runs it once
     * more. Other failures are translated.
     */
    <T> T call(String what, Work<T> work) {
        if (broken != null) {
            throw broken;
        }
        try {
            return work.run(connection());
        } catch (SQLException e) {
            if (!lost()) {
                throw SqlErrors.statementFailed(dialect, location, what, e);
            }
            reset();
            try {
                return work.run(reopen(what, e));
            } catch (SQLException again) {
                throw SqlErrors.statementFailed(dialect, location, what, again);
            }
        }
    }

    /**
     * A new connection after the old one was lost, trying again while the server cannot be reached
     * (restarting, or a network cut) for at most {@link #RECONNECT_NANOS}; the application's own
     * single connection cannot be replaced.
     */
    private Connection reopen(String what, SQLException lost) {
        if (!canOpenAnother()) {
            throw SqlErrors.statementFailed(dialect, location, what, lost);
        }
        long deadline = System.nanoTime() + RECONNECT_NANOS;
        long pause = 50;
        while (true) {
            try {
                return connection();
            } catch (DatabaseAccessException e) {
                if (System.nanoTime() + pause * 1_000_000 > deadline) {
                    throw e;
                }
                try {
                    Thread.sleep(pause); // the server is restarting or out of reach: ask again shortly
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                pause = Math.min(pause * 2, RECONNECT_PAUSE_MAX_MILLIS);
            }
        }
    }

    /** Runs work once, translating failures. */
    <T> T once(String what, Work<T> work) {
        try {
            return work.run(connection());
        } catch (SQLException e) {
            throw SqlErrors.statementFailed(dialect, location, what, e);
        }
    }

    /** Whether the current connection is gone (closed, or no longer answering). */
    boolean lost() {
        Connection c = connection;
        if (c == null) {
            return true;
        }
        try {
            return c.isClosed() || !c.isValid(VALID_SECONDS);
        } catch (SQLException e) {
            return true;
        }
    }

    /** Drops the current connection; the next use opens a new one. */
    void reset() {
        Connection c = connection;
        StatementCache kept = statements;
        connection = null;
        statements = null;
        if (kept != null) {
            kept.close();
        }
        closeQuietly(c);
    }

    @Override
    public void close() {
        reset();
    }

    static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException | RuntimeException ignored) {
                // The connection is being discarded; a failure to close it changes nothing.
            }
        }
    }

    /** Opens a connection, with an error that names the setting to fix when it fails. */
    static Connection open(Dialect d, DbLocation location, JdbcTarget target, DbCredentials credentials) {
        requireDriver(d);
        if (d instanceof SQLiteDialect && !Files.exists(Path.of(location.database))) {
            throw new StoreGoneException("The SQLite store '" + location.database
                    + "' does not exist (it was destroyed, or the info string is stale); spawn a new store");
        }
        String socket = d instanceof PostgreSQLDialect ? PostgreSQLDialect.socketFile(location) : location.socket;
        if (socket != null && !location.jdbcUrl && !Files.exists(Path.of(socket))) {
            throw new StoreGoneException("The " + d.protocolName() + " server socket '" + socket + "' of route '"
                    + location + "' does not exist: the server (perhaps a temporary one) has stopped; "
                    + "spawn a new store or start the server");
        }
        Connection c;
        try {
            c = DriverManager.getConnection(target.url(), target.properties());
        } catch (SQLException e) {
            throw SqlErrors.connectFailed(d, location, target, credentials, e);
        }
        return prepared(d, c);
    }

    /** A connection from the application's pool, for the store at {@code location}. */
    static Connection open(Dialect d, DbLocation location, DataSource pool) {
        requireDriver(d);
        try {
            return prepared(d, pool.getConnection());
        } catch (SQLException e) {
            throw new DatabaseAccessException("Could not get a connection for the " + d.protocolName() + " store '"
                    + location + "' from the application's DataSource: " + e.getMessage()
                    + "; check the pool's settings, or connect without it", e);
        }
    }

    private static Connection prepared(Dialect d, Connection c) {
        if (d instanceof SQLiteDialect) {
            try {
                SQLiteBusyHandler.install(c);
            } catch (SQLException e) {
                // The busy timeout set at open still applies, only with SQLite's longer sleeps.
                System.getLogger("dev.ipcm").log(System.Logger.Level.DEBUG, "SQLite busy handler not installed", e);
            }
        }
        return c;
    }

    static void requireDriver(Dialect d) {
        if (!DatabaseProtocol.classPresent(d.driverClass())) {
            throw new DatabaseAccessException("The " + d.protocolName() + " JDBC driver " + d.driverClass()
                    + " is not on the class path: add the dependency " + d.driverArtifact());
        }
    }

    /** Translates a failure of work that is not a statement on a client connection. */
    static IpcmException failure(Dialect d, DbLocation location, String what, SQLException e) {
        return SqlErrors.statementFailed(d, location, what, e);
    }
}
