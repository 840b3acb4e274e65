package dev.ipcm.protocol.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * Fault injection for crash tests, off by default. The system property {@value #PAUSE_BEFORE_DELETE}
 * names a marker file: a receive that has read its rows then creates that file and stops before
 * deleting them, so a test can kill the process at exactly that point. {@link #beforeCommit}, set
 * by a test in the same JVM, runs once on the receive's connection just before its commit.
 */
final class Faults {
    /** Runs once, then clears itself; null when off. */
    static volatile Consumer<Connection> beforeCommit;

    static final String PAUSE_BEFORE_DELETE = "ipcm.db.test.pauseBeforeDelete";
    private static final long PAUSE_LIMIT_NANOS = TimeUnit.SECONDS.toNanos(60);

    private Faults() {}

    static void beforeDelete() {
        String marker = System.getProperty(PAUSE_BEFORE_DELETE);
        if (marker == null) {
            return;
        }
        try {
            Files.writeString(Path.of(marker), "paused");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long deadline = System.nanoTime() + PAUSE_LIMIT_NANOS;
        while (System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100)); // waits to be killed, bounded
        }
    }

    static void beforeCommit(Connection c) {
        Consumer<Connection> hook = beforeCommit;
        if (hook != null) {
            beforeCommit = null;
            hook.accept(c);
        }
    }
}
