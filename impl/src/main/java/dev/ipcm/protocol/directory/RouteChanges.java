package dev.ipcm.protocol.directory;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a client knows about changes to its route directory's entries: the watch that wakes a
 * peer-change wait, and a version number under which look-ups about peers may be kept.
 */
final class RouteChanges implements AutoCloseable {
    /** A value {@link #version()} never returns. */
    static final long NOT_SEEN = Long.MIN_VALUE;

    private final AtomicLong unwatchedVersions = new AtomicLong();
    private volatile DirectoryWatch watch;

    /** Starts watching {@code dir} for entries created or removed (polling it, with {@code events} false). */
    void watch(Path dir, boolean events) {
        watch = DirectoryWatch.arrivalsAndDepartures(dir, events);
    }

    /**
     * The current version: equal versions mean no entry was created, removed or renamed in
     * between, as far as the watch has reported. Without an event-driven watch every call returns
     * a new value. Never returns {@link #NOT_SEEN}.
     */
    long version() {
        DirectoryWatch w = watch;
        if (w == null || !w.isEventDriven()) {
            return -unwatchedVersions.incrementAndGet();
        }
        return w.changes();
    }

    /**
     * Waits for an entry to be created or removed, at most {@code nanos}.
     *
     * @return false, at once, when nothing is watched yet (the caller waits its own way)
     */
    boolean await(long nanos) {
        DirectoryWatch w = watch;
        if (w == null) {
            return false;
        }
        w.await(nanos);
        return true;
    }

    @Override
    public void close() {
        DirectoryWatch w = watch;
        if (w != null) {
            w.close();
        }
    }
}
