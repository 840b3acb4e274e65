package dev.ipcm.protocol.db;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;

/**
 * What differs between the SQL databases: column types, identifier quoting, value binding, how a
 * route becomes a JDBC connection, and how errors are recognised. Everything else is shared
 * ({@link SqlStore}).
 */
abstract class Dialect {
    /** The protocol's short name. */
    abstract String protocolName();

    /** The JDBC driver class that must be on the class path. */
    abstract String driverClass();

    /** The Maven coordinates of that driver, for error messages. */
    abstract String driverArtifact();

    /** The identifier quote character (section 1 of the DBI spec). */
    abstract char quoteChar();

    /** The two CREATE TABLE IF NOT EXISTS statements, in order. */
    abstract List<String> createTables();

    /** How to open a connection to a location. */
    abstract JdbcTarget target(DbLocation location, DbCredentials credentials);

    /** The largest serialized content one message may have. */
    abstract long maxContentBytes();

    /** Whether the database compares client ids without regard to case. */
    boolean caseInsensitiveNames() {
        return false;
    }

    /** A quoted column name. */
    final String q(String column) {
        return quoteChar() + column + quoteChar();
    }

    /** Binds a message id; PostgreSQL needs a UUID-typed value. */
    void bindId(PreparedStatement ps, int index, String id) throws SQLException {
        ps.setString(index, id);
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
