package dev.ipcm.protocol.directory;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apiguardian.api.API;

/**
 * A wake-up for one directory: {@link #await} returns as soon as a matching entry was created,
 * deleted or modified there since the previous wait returned (inotify on Linux, read by this
 * JVM's {@link WatchHub}; elsewhere the JDK's {@code WatchService}).
 *
 * <p>The signal is a latch, set by events and cleared when a wait returns, so an event that
 * lands between a caller's scan and its wait is never lost; at worst a wait returns once for an
 * event the scan already saw. Each wait is bounded (a safety net in case an event is missed, e.g.
 * on queue overflow), and without a watch service every wait is a short poll.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class DirectoryWatch implements AutoCloseable {
    /** The longest single wait, after which callers re-check anyway. */
    static final long MAX_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

    /** The poll interval when no watch service is available. */
    static final long FALLBACK_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private final Set<WatchEvent.Kind<?>> kinds;
    private final Predicate<String> names;
    private final WatchHub hub;
    private final Object key;
    private boolean signalled;
    private boolean closed;
    // Counts signals; unlike the latch it is never cleared, so any number of readers can tell "nothing changed".
    private volatile long changes;

    private DirectoryWatch(Path dir, Set<WatchEvent.Kind<?>> kinds, Predicate<String> names, boolean watch) {
        this.kinds = kinds;
        this.names = names;
        WatchHub h = watch ? WatchHub.get() : null;
        Object k = null;
        if (h != null) {
            try {
                k = h.register(dir, this);
            } catch (IOException e) {
                // The directory vanished or cannot be watched: fall back to polling; callers rescan and find out why.
                h = null;
            }
        }
        this.hub = h;
        this.key = k;
    }

    /**
     * Watches {@code dir} for entries created (or moved in) whose name passes {@code names};
     * with {@code watch} false every wait is a poll (the store parameter {@code inotify=0}).
     */
    public static DirectoryWatch creations(Path dir, Predicate<String> names, boolean watch) {
        return new DirectoryWatch(dir, Set.of(StandardWatchEventKinds.ENTRY_CREATE), names, watch);
    }

    /** Watches {@code dir} for entries created or removed (or polls, with {@code watch} false). */
    static DirectoryWatch arrivalsAndDepartures(Path dir, boolean watch) {
        return new DirectoryWatch(dir, Set.of(StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_DELETE),
                n -> true, watch);
    }

    /** Watches {@code dir} for changes to the one entry {@code fileName} (or polls, with {@code watch} false). */
    public static DirectoryWatch file(Path dir, String fileName, boolean watch) {
        return new DirectoryWatch(dir, Set.of(StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY),
                fileName::equals, watch);
    }

    /** The kinds of event this watch wakes for. */
    Set<WatchEvent.Kind<?>> kinds() {
        return kinds;
    }

    /** Whether events come from the operating system (false: every wait is a poll). */
    boolean isEventDriven() {
        return key != null;
    }

    boolean matchesAny(List<WatchEvent<?>> events) {
        for (WatchEvent<?> e : events) {
            if (matches(e.kind(), e.context() instanceof Path p ? p.toString() : null)) {
                return true;
            }
        }
        return false;
    }

    /** Whether an event of {@code kind} about the entry {@code name} (null: none) wakes this watch. */
    boolean matches(WatchEvent.Kind<?> kind, String name) {
        return kind == StandardWatchEventKinds.OVERFLOW || (kinds.contains(kind) && name != null && names.test(name));
    }

    synchronized void signal() {
        changes++;
        signalled = true;
        notifyAll();
    }

    /**
     * How many times a matching event was seen so far: while it stays the same, no matching entry
     * was created or removed (as far as events have been delivered; an event reaches this count
     * shortly after the change, through the watch thread). Meaningful only when
     * {@link #isEventDriven()}.
     */
    long changes() {
        return changes;
    }

    /**
     * Waits until a matching event arrived since the previous wait returned, or {@code nanos}
     * pass (at most {@link #MAX_WAIT_NANOS}).
     *
     * @return whether an event was seen
     */
    public synchronized boolean await(long nanos) {
        if (key == null) {
            waitNanos(Math.min(nanos, FALLBACK_POLL_NANOS));
            return false;
        }
        long deadline = System.nanoTime() + Math.min(nanos, MAX_WAIT_NANOS);
        while (!signalled && !closed) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || !waitNanos(left)) {
                break;
            }
        }
        boolean seen = signalled;
        signalled = false;
        return seen;
    }

    /** Waits on this monitor; false when interrupted (the flag is kept for the caller). */
    private boolean waitNanos(long nanos) {
        if (nanos <= 0) {
            return true;
        }
        try {
            TimeUnit.NANOSECONDS.timedWait(this, nanos);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() {
        if (markClosed() && hub != null) {
            hub.unregister(key, this);
        }
    }

    /** Ends every wait; returns whether this call closed the watch (false: it was closed already). */
    private synchronized boolean markClosed() {
        boolean wasOpen = !closed;
        closed = true;
        notifyAll();
        return wasOpen;
    }
}
