package dev.ipcm.bench;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;

/**
 * Wakes a raw SQLite receiver when a commit on the file ends, as the SQLite protocol wakes its
 * receivers: the rollback journal is deleted, which a {@link WatchService} on the directory sees.
 */
final class SqliteJournalWake implements AutoCloseable {
    private final WatchService watcher;
    private final String journal;

    SqliteJournalWake(Path database) throws SQLException {
        Path file = database.toAbsolutePath();
        this.journal = file.getFileName() + "-journal";
        try {
            watcher = FileSystems.getDefault().newWatchService();
            file.getParent().register(watcher, StandardWatchEventKinds.ENTRY_DELETE);
        } catch (IOException e) {
            throw new SQLException("cannot watch " + file.getParent(), e);
        }
    }

    void discardQueued() {
        for (WatchKey key = watcher.poll(); key != null; key = watcher.poll()) {
            key.pollEvents();
            key.reset();
        }
    }

    /** Returns when a journal was deleted, or after {@code nanos}. */
    void await(long nanos) {
        long deadline = System.nanoTime() + nanos;
        try {
            for (long left = nanos; left > 0; left = deadline - System.nanoTime()) {
                WatchKey key = watcher.poll(left, TimeUnit.NANOSECONDS);
                if (key == null) {
                    return;
                }
                boolean committed = false;
                for (WatchEvent<?> event : key.pollEvents()) {
                    committed |= event.kind() == StandardWatchEventKinds.OVERFLOW
                            || journal.equals(String.valueOf(event.context()));
                }
                key.reset();
                if (committed) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ClosedWatchServiceException e) {
            // closed with the link
        }
    }

    @Override
    public void close() {
        try {
            watcher.close();
        } catch (IOException ignored) {
            // nothing left to release
        }
    }
}
