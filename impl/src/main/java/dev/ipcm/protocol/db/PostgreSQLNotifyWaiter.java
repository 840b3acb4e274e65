package dev.ipcm.protocol.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * PostgreSQL wake-up: a second connection LISTENs on {@value SqlStore#CHANNEL}; Java senders
 * NOTIFY it with the recipient's name when their insert commits, so a waiting receiver wakes at
 * once. Perl senders never notify, so the table stays the source of truth and the wait re-checks
 * it with a back-off of {@link #MIN_RECHECK_MILLIS} to {@link #MAX_RECHECK_MILLIS} ms anyway. If
 * the listening connection dies, waits fall back to that back-off and the listener is reopened.
 */
final class PostgreSQLNotifyWaiter implements ActivityWaiter {
    static final int MIN_RECHECK_MILLIS = 5;
    static final int MAX_RECHECK_MILLIS = 100;

    private final DbSession session;
    private final String name;
    private final ReentrantLock lock = new ReentrantLock();
    private Connection listener;
    private volatile boolean closed;

    /** The listening connection is opened by the first wait, so clients that only send hold one connection. */
    PostgreSQLNotifyWaiter(DbSession session, String name) {
        this.session = session;
        this.name = name;
    }

    private void listen() throws SQLException {
        Connection c = session.openAnother();
        try (Statement s = c.createStatement()) {
            s.execute("LISTEN " + SqlStore.CHANNEL);
        } catch (SQLException e) {
            DbSession.closeQuietly(c);
            throw e;
        }
        listener = c;
    }

    @Override
    public void await(long nanos, BooleanSupplier ready, boolean checked) {
        long deadline = System.nanoTime() + nanos;
        try {
            if (!lock.tryLock(nanos, TimeUnit.NANOSECONDS)) {
                return; // another thread of this client waited the whole time; the caller re-checks
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        try {
            if (closed) {
                return;
            }
            if (listener == null) {
                // LISTEN before the first look at the table, so a message committed in between still notifies.
                checked = false;
                try {
                    listen();
                } catch (SQLException | RuntimeException e) {
                    dropListener(); // polling covers the gap; the next wait tries again
                }
            }
            if (!checked) {
                // Notifications queued until now are for rows the check below sees: without dropping
                // them, each would end the wait for one more receive.
                discardQueued();
                if (closed || ready.getAsBoolean()) {
                    return;
                }
            }
            long pause = MIN_RECHECK_MILLIS;
            while (!closed) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                // At least 2 ms: a 1 ms wait is what the listener's sockets treat as pgjdbc's
                // pending-message look and answer at once, which would spin here.
                int millis = (int) Math.max(2, Math.min(pause, TimeUnit.NANOSECONDS.toMillis(left) + 1));
                if (waitForNotification(millis)) {
                    // A sender committed a row for this client: the caller's receive reads it, so asking
                    // the table first would only add a round trip.
                    return;
                }
                // Perl senders do not notify: the table is checked on a back-off anyway.
                if (ready.getAsBoolean()) {
                    return;
                }
                pause = Math.min(pause * 2, MAX_RECHECK_MILLIS);
            }
        } finally {
            lock.unlock();
            if (closed) {
                dropListenerIfFree(); // close() may have found the lock held and left it to this wait
            }
        }
    }

    /** Waits up to {@code millis} for a notification addressed to this client; true if one came. */
    private boolean waitForNotification(int millis) {
        try {
            if (listener == null) {
                listen();
            }
            PGNotification[] got = listener.unwrap(PGConnection.class).getNotifications(millis);
            if (got != null) {
                for (PGNotification n : got) {
                    if (name.equals(n.getParameter())) {
                        return true;
                    }
                }
            }
            return false;
        } catch (SQLException | RuntimeException e) {
            dropListener();
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(millis));
            return false;
        }
    }

    /** Reads the notifications that have already arrived, without waiting, and forgets them; false if the listener failed. */
    private boolean discardQueued() {
        if (listener == null) {
            return false;
        }
        try {
            listener.unwrap(PGConnection.class).getNotifications();
            return true;
        } catch (SQLException | RuntimeException e) {
            dropListener(); // polling covers the gap; the next wait listens again
            return false;
        }
    }

    private void dropListener() {
        Connection c = listener;
        listener = null;
        DbSession.closeQuietly(c);
    }

    /**
     * Closes the listening connection now, or, when a wait holds it, leaves that to the wait, which
     * sees {@code closed} within one back-off step. Never blocks: the client closes its waiter
     * while holding its I/O lock, and a waiting thread's inbox check needs that lock.
     */
    @Override
    public void close() {
        closed = true;
        dropListenerIfFree();
    }

    /** Closes the listener unless a wait holds the lock; that wait then does it as it leaves. */
    private void dropListenerIfFree() {
        if (lock.tryLock()) {
            try {
                dropListener();
            } finally {
                lock.unlock();
            }
        }
    }
}
