package dev.ipcm.protocol.db;

import dev.ipcm.InvalidInfoException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Connect's test that a SQLite route is an ipcm SQLite store, made before a client registers: a
 * directory, a text file, an empty file, a JSONFile store or another application's database is
 * refused with {@link InvalidInfoException}, and nothing is written there.
 *
 * <p>The file is looked into through SQLite itself, read-only, never with a plain open and close:
 * closing any descriptor of a database file drops every POSIX lock this process holds on it, so
 * a read of its header would take the locks of another thread's SQLite connection away. SQLite
 * shares one record of its open files and locks among all its connections in the process.
 */
final class SQLiteFileCheck {
    /** SQLite's result code for a file that is not a database. */
    private static final int SQLITE_NOTADB = 26;
    /** SQLite's primary result code for a write refused on a read-only connection. */
    private static final int SQLITE_READONLY = 8;

    private SQLiteFileCheck() {}

    /** Throws unless {@code file}, when it exists, is an ipcm SQLite store; a missing file is left to connect's own error. */
    static void require(Path file) {
        if (!Files.exists(file)) {
            return;
        }
        if (Files.isDirectory(file)) {
            throw refusal(file, "it is a directory");
        }
        if (!Files.isRegularFile(file)) {
            throw refusal(file, "it is not a regular file");
        }
        JdbcTarget target = SQLiteDialect.INSTANCE.readOnlyTarget(file.toString());
        try (Connection c = DriverManager.getConnection(target.url(), target.properties());
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*) FROM sqlite_master WHERE type = 'table'"
                        + " AND name IN ('ipcm_peers', 'ipcm_messages')")) {
            if (!rs.next() || rs.getInt(1) < 2) {
                throw refusal(file, "it holds no ipcm tables (ipcm_peers, ipcm_messages), which spawn creates");
            }
        } catch (SQLException e) {
            if ((e.getErrorCode() & 0xff) == SQLITE_NOTADB) {
                throw refusal(file, "it is no SQLite database");
            }
            if ((e.getErrorCode() & 0xff) == SQLITE_READONLY) {
                // A writer was killed inside a transaction and left a hot journal, which only a
                // read-write connection may roll back: the file is a SQLite database, and the
                // client's own connection, opened next, restores it (docs/delivery.md).
                return;
            }
            throw new DatabaseAccessException("Could not read the SQLite store '" + file + "': " + e.getMessage(), e);
        }
    }

    private static InvalidInfoException refusal(Path file, String why) {
        return new InvalidInfoException("Refusing to connect to '" + file + "' as a SQLite store: " + why
                + "; connect with the info string that spawn printed (nothing was written)");
    }
}
