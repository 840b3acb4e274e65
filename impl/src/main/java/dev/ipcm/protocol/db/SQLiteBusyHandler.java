package dev.ipcm.protocol.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.sqlite.BusyHandler;

/**
 * How a SQLite connection waits for a lock another connection holds: retry after 20 µs, doubling
 * to {@link #MAX_PAUSE_NANOS}, for at most {@link SQLiteDialect#BUSY_TIMEOUT_MILLIS} ms (the same
 * limit as before). SQLite's own busy timeout sleeps 1, 2, 5, 10, 15, 20, 25 ... ms, so a reader that
 * the file watch wakes while the writer is still releasing its lock, or a sender that meets the
 * receiver's delete, lost 5 to 20 ms per collision (measured); sender and receiver of one store
 * collide on nearly every message. Per connection: nothing about the file changes.
 */
final class SQLiteBusyHandler extends BusyHandler {
    static final long FIRST_PAUSE_NANOS = TimeUnit.MICROSECONDS.toNanos(20);
    static final long MAX_PAUSE_NANOS = TimeUnit.MICROSECONDS.toNanos(250);
    private static final long LIMIT_NANOS = TimeUnit.MILLISECONDS.toNanos(SQLiteDialect.BUSY_TIMEOUT_MILLIS);

    private long waitingSince;

    private SQLiteBusyHandler() {}

    /** Installs a handler on a connection of the sqlite-jdbc driver; it replaces the busy timeout. */
    static void install(Connection c) throws SQLException {
        BusyHandler.setHandler(c, new SQLiteBusyHandler());
    }

    /** Called by SQLite with the number of earlier calls for this lock; non-zero means "try again". */
    @Override
    protected int callback(int previousCalls) {
        long now = System.nanoTime();
        if (previousCalls == 0) {
            waitingSince = now;
        } else if (now - waitingSince >= LIMIT_NANOS) {
            return 0; // SQLITE_BUSY goes to the caller, as with the timeout
        }
        // An interrupt would end every park at once and turn the wait into a spin: keep it for later.
        boolean interrupted = Thread.interrupted();
        LockSupport.parkNanos(Math.min(MAX_PAUSE_NANOS, FIRST_PAUSE_NANOS << Math.min(previousCalls, 8)));
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return 1;
    }
}
