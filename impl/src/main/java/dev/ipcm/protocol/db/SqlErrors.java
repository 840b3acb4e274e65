package dev.ipcm.protocol.db;

import dev.ipcm.IpcmException;
import dev.ipcm.StoreGoneException;
import dev.ipcm.protocol.db.server.DatabaseServers;
import java.sql.SQLException;

/** Turns driver errors into ipcm exceptions that say what was wrong and which setting fixes it. */
final class SqlErrors {
    private SqlErrors() {}

    /** A failure to open a connection to {@code location}. */
    static IpcmException connectFailed(Dialect d, DbLocation location, JdbcTarget target, DbCredentials credentials,
            SQLException e) {
        String where = "the " + d.protocolName() + " database at '" + DbLocation.redact(location.route) + "'";
        if (d.isAuthFailure(e)) {
            return new DatabaseAccessException("The server refused " + credentials + " for " + where + " ("
                    + e.getMessage() + "); pass the 'user' and 'password' connect parameters, or set "
                    + DbCredentials.USER_ENV + " / " + DbCredentials.PASSWORD_ENV, e);
        }
        if (d.isMissingDatabase(e)) {
            return new StoreGoneException("Database '" + location.database + "' does not exist: " + where
                    + " was dropped or the route's database name is wrong (" + e.getMessage()
                    + "); fix the dbname in the route (or in " + settingFor(d) + ") or spawn a new store", e);
        }
        if (d.isUnreachable(e)) {
            return new DatabaseAccessException("Cannot reach " + where + " through " + DbLocation.redact(target.url()) + " ("
                    + e.getMessage() + "); check that the server runs and that the route's host, port or socket"
                    + " (or " + settingFor(d) + ") point at it", e);
        }
        return new DatabaseAccessException("Could not connect to " + where + " through " + DbLocation.redact(target.url()) + ": "
                + describe(e) + "; check the route, the server and " + settingFor(d), e);
    }

    /** A statement that failed on an open connection. */
    static IpcmException statementFailed(Dialect d, DbLocation location, String what, SQLException e) {
        if (d.storeFileGone(location)) {
            StoreGoneException gone = fileGone(d, location);
            gone.initCause(e);
            return gone;
        }
        if (d.isMissingTable(e)) {
            return new StoreGoneException("The ipcm tables are missing from the " + d.protocolName() + " database at '"
                    + DbLocation.redact(location.route) + "' while trying to " + what + " (" + e.getMessage()
                    + "): the store was destroyed, or was never spawned there; spawn it with the 'route' parameter", e);
        }
        return new DatabaseAccessException("Could not " + what + " on the " + d.protocolName() + " database at '"
                + DbLocation.redact(location.route) + "': " + describe(e), e);
    }

    /** The store's file was deleted (see {@link Dialect#storeFileGone}). */
    static StoreGoneException fileGone(Dialect d, DbLocation location) {
        return new StoreGoneException("The " + d.protocolName() + " store file '" + location.database
                + "' no longer exists: the store was unspawned or deleted; spawn a new store and connect to its info string");
    }

    static String describe(SQLException e) {
        return e.getMessage() + (e.getSQLState() == null ? "" : " [SQLState " + e.getSQLState() + "]");
    }

    static String settingFor(Dialect d) {
        if (d instanceof PostgreSQLDialect) {
            return DatabaseServers.Kind.POSTGRESQL.environmentVariable();
        }
        if (d instanceof MariaDBDialect) {
            return DatabaseServers.Kind.MARIADB.environmentVariable();
        }
        if (d instanceof MySQLDialect) {
            return DatabaseServers.Kind.MYSQL.environmentVariable();
        }
        return "the SQLite file path";
    }
}
