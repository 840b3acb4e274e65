package dev.ipcm.protocol.db;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * What differs between the SQL databases: column types, identifier quoting, value binding, how a
 * route becomes a JDBC connection, and how errors are recognised. Everything else is shared
 * ({@link SqlStore}).
 */
abstract class Dialect {
    /**
     * The column types that differ between the databases (docs/protocols/databases.md, "The schema").
     *
     * @param seconds epoch seconds ({@code active}, {@code suspend_expires}, {@code stamp})
     * @param now the default of {@code active}: the current time in seconds
     * @param blob serializer output ({@code stats}, {@code content})
     * @param messageId {@code ipcm_messages.id}
     * @param no the default of {@code broadcast}
     */
    record Columns(String seconds, String now, String blob, String messageId, String no) {}

    /** The driver a dialect needs: its class and its Maven coordinates (for error messages). */
    record Driver(String className, String artifact) {}

    private final String protocolName;
    private final Driver driver;
    private final char quoteChar;
    private final long maxContentBytes;
    private final List<String> createTables;
    private final String secondsColumn;

    /**
     * @param quoteChar the identifier quote character
     * @param maxContentBytes the largest serialized content one message may have
     */
    Dialect(String protocolName, Driver driver, char quoteChar, long maxContentBytes, Columns columns) {
        this.protocolName = protocolName;
        this.driver = driver;
        this.quoteChar = quoteChar;
        this.maxContentBytes = maxContentBytes;
        this.secondsColumn = columns.seconds();
        this.createTables = List.of(
                "CREATE TABLE IF NOT EXISTS ipcm_peers("
                        + q("id") + " VARCHAR(512) NOT NULL PRIMARY KEY, "
                        + q("pid") + " INTEGER DEFAULT NULL, "
                        + q("active") + " " + columns.seconds() + " DEFAULT " + columns.now() + ", "
                        + q("stats") + " " + columns.blob() + " DEFAULT NULL, "
                        + q("suspend_expires") + " " + columns.seconds() + " DEFAULT NULL)",
                "CREATE TABLE IF NOT EXISTS ipcm_messages("
                        + q("id") + " " + columns.messageId() + " NOT NULL PRIMARY KEY, "
                        + q("to") + " VARCHAR(512) NOT NULL REFERENCES ipcm_peers(id) ON DELETE CASCADE, "
                        + q("from") + " VARCHAR(512) NOT NULL REFERENCES ipcm_peers(id) ON DELETE CASCADE, "
                        + q("stamp") + " " + columns.seconds() + " NOT NULL, "
                        + q("content") + " " + columns.blob() + " NOT NULL, "
                        + q("broadcast") + " BOOL NOT NULL DEFAULT " + columns.no() + ")");
    }

    /** The protocol's short name. */
    final String protocolName() {
        return protocolName;
    }

    /** The JDBC driver class that must be on the class path. */
    final String driverClass() {
        return driver.className();
    }

    /** The Maven coordinates of that driver, for error messages. */
    final String driverArtifact() {
        return driver.artifact();
    }

    /** The two CREATE TABLE IF NOT EXISTS statements, in order: the reference's tables. */
    final List<String> createTables() {
        return createTables;
    }

    /** The column type of epoch seconds, for tables of our own beside the reference's. */
    final String secondsColumn() {
        return secondsColumn;
    }

    /**
     * The server-side tokens of client life, or null where the store has no server to hold them
     * (SQLite: every client is on this machine, and the pid says enough).
     */
    LivenessTokens tokens() {
        return null;
    }

    /** The largest serialized content one message may have. */
    final long maxContentBytes() {
        return maxContentBytes;
    }

    /** How to open a connection to a location. */
    abstract JdbcTarget target(DbLocation location, DbCredentials credentials);

    /** Connection properties holding the user and password, for {@link #target}. */
    static Properties login(DbCredentials credentials) {
        Properties p = new Properties();
        p.setProperty("user", credentials.user());
        p.setProperty("password", credentials.password());
        return p;
    }

    /** Whether the database compares client ids without regard to case. */
    boolean caseInsensitiveNames() {
        return false;
    }

    /** A quoted column name. */
    final String q(String column) {
        return quoteChar + column + quoteChar;
    }

    /**
     * A message id as the UUID a UUID-typed id column needs (PostgreSQL, MariaDB), or
     * {@link dev.ipcm.ContentException} naming it: the same refusal on every such store, before
     * the server could answer with an error of its own.
     */
    final java.util.UUID uuidId(String id) {
        try {
            return java.util.UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new dev.ipcm.ContentException("Message id '" + id + "' is not a UUID; the " + protocolName()
                    + " protocol stores ids in a UUID column: let the library generate ids (nothing was sent)");
        }
    }

    /** Binds a message id; PostgreSQL needs a UUID-typed value. */
    void bindId(PreparedStatement ps, int index, String id) throws SQLException {
        ps.setString(index, id);
    }

    /** A message id as read back from the id column; a text column keeps it as it was written. */
    String readId(String stored) {
        return stored;
    }

    /** Binds an epoch-seconds value (stamp, active, suspend deadline). */
    void bindSeconds(PreparedStatement ps, int index, BigDecimal seconds) throws SQLException {
        if (seconds == null) {
            ps.setNull(index, java.sql.Types.DOUBLE);
        } else {
            ps.setDouble(index, seconds.doubleValue());
        }
    }

    /** Binds the broadcast flag as IPC::Manager does: 1 or 0. */
    void bindFlag(PreparedStatement ps, int index, boolean value) throws SQLException {
        ps.setInt(index, value ? 1 : 0);
    }

    /** Whether a statement failed on a duplicate primary key. */
    boolean isDuplicateKey(SQLException e) {
        return "23505".equals(e.getSQLState()) || e.getErrorCode() == 1062;
    }

    /**
     * Whether the store was deleted in a way statements cannot see: a SQLite file unlinked while
     * its connections stay open works on as an orphan. Servers report a dropped store themselves.
     */
    boolean storeFileGone(DbLocation location) {
        return false;
    }

    /** Whether a statement failed because the ipcm tables do not exist. */
    boolean isMissingTable(SQLException e) {
        return "42P01".equals(e.getSQLState()) || e.getErrorCode() == 1146 || text(e).contains("no such table");
    }

    /** Whether the connection failed because the database does not exist. */
    boolean isMissingDatabase(SQLException e) {
        return "3D000".equals(e.getSQLState()) || e.getErrorCode() == 1049 || text(e).contains("unknown database");
    }

    /** Whether the server refused the credentials. */
    boolean isAuthFailure(SQLException e) {
        String state = e.getSQLState();
        return (state != null && state.startsWith("28")) || e.getErrorCode() == 1045
                || text(e).contains("password authentication failed") || text(e).contains("access denied");
    }

    /** Whether a failure looks like the server could not be reached at all. */
    boolean isUnreachable(SQLException e) {
        String state = e.getSQLState();
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.net.ConnectException || t instanceof java.net.UnknownHostException
                    || t instanceof java.net.SocketTimeoutException) {
                return true;
            }
        }
        return state != null && state.startsWith("08") && !isAuthFailure(e);
    }

    static String text(SQLException e) {
        String m = e.getMessage();
        return m == null ? "" : m.toLowerCase(Locale.ROOT);
    }

    /** The first existing Unix socket among candidates, or null. */
    static String existingSocket(String... candidates) {
        for (String c : candidates) {
            if (Files.exists(Path.of(c))) {
                return c;
            }
        }
        return null;
    }
}
