package dev.ipcm.protocol.db;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * SQLite wake-up: a watch (inotify on Linux, through {@link SharedFileWatch}) on the database
 * file's directory. In the default rollback-journal mode every commit ends by deleting the
 * journal, so a write by any process, Perl included, wakes the receiver, and only deletions are
 * watched: watching modifications too woke the receiver for every page written to the file and
 * the journal, four to six times per message, which measured 0.5 ms more per round trip. A file
 * in another journal mode (WAL, say, set by its owner) has no journal deleted per commit; there
 * modifications of the file, its journal and its write-ahead log are watched. Events are only a
 * hint: the caller reads the inbox after each, and the wait checks it itself at least every
 * {@link #MAX_RECHECK_MILLIS} ms in case an event is missed (overflow, a file system without
 * notification, a peer whose connection commits in another journal mode).
 *
 * <p>An event about this database sets a latch; a wait returns when it finds the latch set and
 * clears it, so an event that lands between the caller's inbox check and its wait is not lost.
 */
final class FileWatchWaiter implements ActivityWaiter, SharedFileWatch.Listener {
    static final long MIN_RECHECK_MILLIS = 5;
    static final long MAX_RECHECK_MILLIS = 200;

    private final SharedFileWatch watch;
    private final Path dir;
    private final String fileName;
    private final String journalName;
    private final String walName;
    private final boolean journalDeletedPerCommit;
    /** Held by the one thread that waits; others come back later (see {@link #discardWakeups()}). */
    private final ReentrantLock waiting = new ReentrantLock();
    private final ReentrantLock latchLock = new ReentrantLock();
    private final Condition latchSet = latchLock.newCondition();
    private boolean signalled;
    private boolean closed;

    private FileWatchWaiter(SharedFileWatch watch, Path dir, Path database, boolean journalDeletedPerCommit) {
        this.watch = watch;
        this.dir = dir;
        this.fileName = database.getFileName().toString();
        this.journalName = fileName + "-journal";
        this.walName = fileName + "-wal";
        this.journalDeletedPerCommit = journalDeletedPerCommit;
    }

    /**
     * A watcher on {@code database}'s directory, or a polling waiter when the directory cannot be
     * watched.
     *
     * @param journalMode the connection's {@code PRAGMA journal_mode} ({@code delete} unless the
     *     file's owner chose another)
     */
    static ActivityWaiter forFile(Path database, String journalMode) {
        Path file = database.toAbsolutePath().normalize();
        boolean deletedPerCommit = "delete".equalsIgnoreCase(journalMode);
        try {
            SharedFileWatch watch = SharedFileWatch.get();
            // The real path: two spellings of one directory (a symlink, say) share one watch.
            Path dir = file.getParent().toRealPath();
            FileWatchWaiter waiter = new FileWatchWaiter(watch, dir, file, deletedPerCommit);
            watch.register(waiter.dir, !deletedPerCommit, waiter);
            return waiter;
        } catch (IOException | RuntimeException e) {
            return new BackoffWaiter(TimeUnit.MILLISECONDS.toNanos(1), TimeUnit.MILLISECONDS.toNanos(50));
        }
    }

    @Override
    public boolean discardWakeups() {
        if (!waiting.tryLock()) {
            return false; // another thread waits on the events
        }
        try {
            clearLatch();
            return true;
        } finally {
            waiting.unlock();
        }
    }

    @Override
    public void await(long nanos, BooleanSupplier ready, boolean checked) {
        long deadline = System.nanoTime() + nanos;
        try {
            if (!waiting.tryLock(nanos, TimeUnit.NANOSECONDS)) {
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        try {
            if (!checked) {
                // Events until now say nothing the check below does not: without forgetting them,
                // each would end the wait for one more query.
                clearLatch();
                if (ready.getAsBoolean()) {
                    return;
                }
            }
            long pause = TimeUnit.MILLISECONDS.toNanos(MIN_RECHECK_MILLIS);
            long nextCheck = System.nanoTime() + pause;
            while (true) {
                long now = System.nanoTime();
                if (now >= deadline) {
                    return;
                }
                if (now >= nextCheck) {
                    // A missed event, or a file system that does not report them; counted from the last
                    // check, so events about other files in the directory cannot put it off.
                    if (ready.getAsBoolean()) {
                        return;
                    }
                    pause = Math.min(pause * 2, TimeUnit.MILLISECONDS.toNanos(MAX_RECHECK_MILLIS));
                    nextCheck = now + pause;
                }
                if (awaitLatch(Math.min(nextCheck, deadline) - now)) {
                    // A transaction on the file ended: the caller's receive reads the inbox, so checking it
                    // here first would only add a query (and a lock) per message.
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            waiting.unlock();
        }
    }

    /** Waits up to {@code nanos} for the latch; true (and cleared) if it was set, or the waiter closed. */
    private boolean awaitLatch(long nanos) throws InterruptedException {
        latchLock.lock();
        try {
            long left = nanos;
            while (!signalled && !closed && left > 0) {
                left = latchSet.awaitNanos(left);
            }
            boolean woken = signalled || closed;
            signalled = false;
            return woken;
        } finally {
            latchLock.unlock();
        }
    }

    private void clearLatch() {
        latchLock.lock();
        try {
            signalled = false;
        } finally {
            latchLock.unlock();
        }
    }

    /**
     * From the shared watch's thread: sets the latch when a transaction on our database has
     * finished. In rollback-journal mode that is the journal's deletion (looking at the table on
     * the earlier writes would take a shared lock while the writer needs its exclusive one and
     * make it back off); in another mode a change to the file, its journal or its write-ahead
     * log. Lost events may hide anything.
     */
    @Override
    public void changed(SharedFileWatch.Change change, String name) {
        boolean ours = switch (change) {
            case LOST -> true;
            case DELETED -> name.equals(journalName);
            case MODIFIED -> !journalDeletedPerCommit
                    && (name.equals(fileName) || name.equals(journalName) || name.equals(walName));
        };
        if (ours) {
            wake(false);
        }
    }

    /** Stops the wake-ups; a wait in progress returns (a disconnect closes the waiter). */
    @Override
    public void close() {
        watch.unregister(dir, this);
        wake(true);
    }

    /** Sets the latch (an event) or marks the waiter closed, and wakes the waiting thread. */
    private void wake(boolean closing) {
        latchLock.lock();
        try {
            if (closing) {
                closed = true;
            } else {
                signalled = true;
            }
            latchSet.signalAll();
        } finally {
            latchLock.unlock();
        }
    }
}
