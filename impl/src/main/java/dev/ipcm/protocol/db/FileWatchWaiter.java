package dev.ipcm.protocol.db;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * SQLite wake-up: a {@link WatchService} (inotify on Linux) on the database file's directory.
 * In the default rollback-journal mode every commit ends by deleting the journal, so a write by
 * any process, Perl included, wakes the receiver, and only deletions are watched: watching
 * modifications too woke the receiver (and the JDK's watcher thread) for every page written to
 * the file and the journal, four to six times per message, which measured 0.5 ms more per round
 * trip. A file in another journal mode (WAL, say, set by its owner) has no journal deleted per
 * commit; there modifications of the file, its journal and its write-ahead log are watched.
 * Events are only a hint: the caller reads the inbox after each, and the wait checks it itself at
 * least every {@link #MAX_RECHECK_MILLIS} ms in case an event is missed (overflow, a file system
 * without notification, a peer whose connection commits in another journal mode).
 */
final class FileWatchWaiter implements ActivityWaiter {
    static final long MIN_RECHECK_MILLIS = 5;
    static final long MAX_RECHECK_MILLIS = 200;

    private final WatchService watcher;
    private final String fileName;
    private final String journalName;
    private final String walName;
    private final boolean journalDeletedPerCommit;
    private final ReentrantLock lock = new ReentrantLock();

    private FileWatchWaiter(WatchService watcher, Path database, boolean journalDeletedPerCommit) {
        this.watcher = watcher;
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
        Path dir = database.toAbsolutePath().getParent();
        boolean deletedPerCommit = "delete".equalsIgnoreCase(journalMode);
        try {
            WatchService ws = FileSystems.getDefault().newWatchService();
            try {
                if (deletedPerCommit) {
                    dir.register(ws, StandardWatchEventKinds.ENTRY_DELETE);
                } else {
                    dir.register(ws, StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_DELETE);
                }
            } catch (IOException | RuntimeException e) {
                ws.close();
                throw e;
            }
            return new FileWatchWaiter(ws, database.toAbsolutePath(), deletedPerCommit);
        } catch (IOException | RuntimeException e) {
            return new BackoffWaiter(TimeUnit.MILLISECONDS.toNanos(1), TimeUnit.MILLISECONDS.toNanos(50));
        }
    }

    @Override
    public boolean discardWakeups() {
        if (!lock.tryLock()) {
            return false; // another thread waits on the events
        }
        try {
            discardQueued();
            return true;
        } catch (ClosedWatchServiceException e) {
            return false;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void await(long nanos, BooleanSupplier ready, boolean checked) {
        long deadline = System.nanoTime() + nanos;
        try {
            if (!lock.tryLock(nanos, TimeUnit.NANOSECONDS)) {
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        try {
            if (!checked) {
                // Events queued until now say nothing the check below does not: without dropping them,
                // each would end the wait for one more query.
                discardQueued();
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
                WatchKey key = watcher.poll(Math.min(nextCheck, deadline) - now, TimeUnit.NANOSECONDS);
                if (key != null && aboutOurFile(key)) {
                    // A transaction on the file ended: the caller's receive reads the inbox, so checking it
                    // here first would only add a query (and a lock) per message.
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ClosedWatchServiceException e) {
            // Closed by disconnect while waiting: nothing more to wait for.
        } finally {
            lock.unlock();
        }
    }

    private void discardQueued() {
        for (WatchKey key = watcher.poll(); key != null; key = watcher.poll()) {
            key.pollEvents();
            key.reset();
        }
    }

    /**
     * Whether the events say a transaction on our database has finished: in rollback-journal mode
     * the journal was deleted (looking at the table on the earlier writes would take a shared lock
     * while the writer needs its exclusive one and make it back off); in another mode the file, its
     * journal or its write-ahead log changed. An overflow may hide anything.
     */
    private boolean aboutOurFile(WatchKey key) {
        boolean ours = false;
        for (WatchEvent<?> event : key.pollEvents()) {
            Object context = event.context();
            String name = context == null ? "" : context.toString();
            if (event.kind() == StandardWatchEventKinds.OVERFLOW
                    || (event.kind() == StandardWatchEventKinds.ENTRY_DELETE && name.equals(journalName))
                    || (!journalDeletedPerCommit && event.kind() == StandardWatchEventKinds.ENTRY_MODIFY
                            && (name.equals(fileName) || name.equals(journalName) || name.equals(walName)))) {
                ours = true;
            }
        }
        key.reset();
        return ours;
    }

    @Override
    public void close() {
        try {
            watcher.close();
        } catch (IOException ignored) {
            // Nothing is left to release.
        }
    }
}
