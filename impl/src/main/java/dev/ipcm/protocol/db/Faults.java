package dev.ipcm.protocol.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Fault injection for crash tests, off unless the system property {@value #PAUSE_BEFORE_DELETE}
 * names a marker file: a receive that has read its rows then creates that file and stops before
 * deleting them, so a test can kill the process at exactly that point.
 */
final class Faults {
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
}
