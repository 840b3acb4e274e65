package dev.ipcm.protocol.db;

import java.sql.SQLException;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteOpenMode;

/**
 * SQLite: back-tick quoting, REAL/BLOB/BOOL affinities, foreign keys left off and the journal
 * mode left as it is (both as IPC::Manager leaves them), a 30 s busy timeout like DBD::SQLite's,
 * and no fsync at commit on this process's connections.
 */
final class SQLiteDialect extends Dialect {
    static final SQLiteDialect INSTANCE = new SQLiteDialect();
    /** DBD::SQLite's default; sqlite-jdbc's own (3 s) gives up too early under contention. */
    static final int BUSY_TIMEOUT_MILLIS = 30_000;
    /**
     * No fsync at commit (a per-connection setting; the file, its journal mode and every other
     * connection are unaffected). Each message is two commits (insert, delete), and with SQLite's
     * default FULL each waited for two or three fsyncs: 0.5 to 7 ms apiece on the machine measured,
     * most of a round trip, against 0.07 ms without. A committed message still survives the crash
     * of any process, which is what an IPC store must survive; only an operating-system crash or a
     * power cut can lose recent messages or damage the file, and both also end every process that
     * was using the store.
     */
    static final SQLiteConfig.SynchronousMode SYNCHRONOUS = SQLiteConfig.SynchronousMode.OFF;
    /** SQLite's default SQLITE_MAX_LENGTH, the largest blob it stores. */
    private static final long MAX_BLOB = 1_000_000_000L;

    private SQLiteDialect() {
        super("SQLite", new Driver("org.sqlite.JDBC", "org.xerial:sqlite-jdbc"), '`', MAX_BLOB,
                new Columns("REAL", "(strftime('%s', 'now'))", "BLOB", "UUID", "0"));
    }

    @Override
    JdbcTarget target(DbLocation location, DbCredentials credentials) {
        SQLiteConfig config = new SQLiteConfig();
        config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
        // A receive reads then deletes; taking the write lock up front avoids a lock upgrade that
        // SQLite would refuse (SQLITE_BUSY, no busy wait) while another connection writes.
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        // Connecting must not create a missing file: a missing file is a store that is gone.
        config.resetOpenMode(SQLiteOpenMode.CREATE);
        config.setSynchronous(SYNCHRONOUS);
        return new JdbcTarget("jdbc:sqlite:" + location.database, config.toProperties());
    }

    /** A read-only target that never creates the file, for connect's check of what the route is. */
    JdbcTarget readOnlyTarget(String path) {
        SQLiteConfig config = new SQLiteConfig();
        config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
        config.setReadOnly(true);
        config.resetOpenMode(SQLiteOpenMode.CREATE);
        return new JdbcTarget("jdbc:sqlite:" + path, config.toProperties());
    }

    /** The target used by spawn, which may create the file. */
    JdbcTarget creatingTarget(String path) {
        SQLiteConfig config = new SQLiteConfig();
        config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
        return new JdbcTarget("jdbc:sqlite:" + path, config.toProperties());
    }

    @Override
    boolean isDuplicateKey(SQLException e) {
        return text(e).contains("unique constraint failed") || text(e).contains("constraint failed: ipcm");
    }

    /** The file is checked by path: its open connections would keep writing to it after an unlink. */
    @Override
    boolean storeFileGone(DbLocation location) {
        java.nio.file.Path file = java.nio.file.Path.of(location.database);
        return file.isAbsolute() && !java.nio.file.Files.exists(file);
    }
}
