package dev.ipcm.protocol.db;

import dev.ipcm.os.Inotify;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One file-system watch per JVM for the directories of every SQLite database its clients wait on.
 *
 * <p>Each JDK {@link WatchService} on Linux is an inotify descriptor with its own thread, and
 * every commit deletes the journal, so when each client had its own, one commit woke every
 * client's thread: with 256 clients of one store in a JVM, 256 threads per commit (two commits
 * per message), and the round trip of the two clients exchanging messages went from 1.1 ms to
 * 19 ms. Here one thread reads the events and hands them to the waiters of that directory, and
 * a waiter wakes its client only for an event about its own database. On Linux that thread
 * reads inotify itself ({@link Inotify}): through a {@code WatchService} each event would wake
 * the JDK's thread and then this one, a hand-off that measured 50-90 µs more per round trip
 * here. Elsewhere a {@code WatchService} serves.
 *
 * <p>A directory is watched for deletions, and also for modifications once a waiter needs them
 * (a database in another journal mode); registering a directory again only widens what is watched.
 */
final class SharedFileWatch {
    /** What an event says happened to an entry. */
    enum Change {
        DELETED,
        MODIFIED,
        /** Events were lost (a queue overflowed, or the directory's watch ended): anything may have. */
        LOST
    }

    /** Told about each event in a directory it registered for (on the watch's thread: keep it short). */
    interface Listener {
        void changed(Change change, String name);
    }

    private static SharedFileWatch instance;

    private final Source source;
    private final Map<Path, Directory> byPath = new HashMap<>();
    private final Map<Object, Directory> byKey = new HashMap<>();

    private static final class Directory {
        Object key;
        boolean modifications;
        final List<Listener> listeners = new CopyOnWriteArrayList<>();
    }

    private SharedFileWatch(Source source) {
        this.source = source;
        Thread t = new Thread(() -> source.run(this), "ipcm-sqlite-watch");
        t.setDaemon(true);
        t.start();
    }

    /** This JVM's watch, started on first use. */
    static synchronized SharedFileWatch get() throws IOException {
        if (instance == null) {
            instance = new SharedFileWatch(Inotify.available() ? new InotifySource(Inotify.open()) : new JdkSource());
        }
        return instance;
    }

    /**
     * Tells {@code listener} about events in {@code dir}: deletions, and modifications when
     * {@code modifications} is set (or another listener of that directory asked for them).
     *
     * @param dir the directory's real path ({@link Path#toRealPath}), so that two spellings of it
     *     are one entry here as they are one watch in the kernel
     */
    synchronized void register(Path dir, boolean modifications, Listener listener) throws IOException {
        Directory d = byPath.get(dir);
        if (d == null || (modifications && !d.modifications)) {
            boolean mods = modifications || (d != null && d.modifications);
            Object key = source.add(dir, mods);
            if (d == null) {
                d = byKey.get(key); // the same directory under another name
                if (d == null) {
                    d = new Directory();
                }
                byPath.put(dir, d);
            }
            d.key = key;
            d.modifications = mods;
            byKey.put(key, d);
        }
        d.listeners.add(listener);
    }

    /** Stops telling {@code listener}; the directory's watch ends with its last listener. */
    synchronized void unregister(Path dir, Listener listener) {
        Directory d = byPath.get(dir);
        if (d == null || !d.listeners.remove(listener) || !d.listeners.isEmpty()) {
            return;
        }
        byPath.values().removeIf(x -> x == d);
        byKey.remove(d.key);
        source.remove(d.key);
    }

    /** From the watch's thread: one event in the directory watched under {@code key}. */
    void dispatch(Object key, Change change, String name) {
        Directory d;
        synchronized (this) {
            d = byKey.get(key);
        }
        if (d != null) {
            tell(d.listeners, change, name);
        }
    }

    /** From the watch's thread: events were lost everywhere. */
    void dispatchLostEverywhere() {
        List<Listener> all = new ArrayList<>();
        synchronized (this) {
            byKey.values().forEach(d -> all.addAll(d.listeners));
        }
        tell(all, Change.LOST, "");
    }

    private static void tell(List<Listener> listeners, Change change, String name) {
        for (Listener l : listeners) {
            try {
                l.changed(change, name);
            } catch (RuntimeException e) {
                // One waiter's failure must not stop the wake-ups of all the others.
                System.getLogger("dev.ipcm").log(System.Logger.Level.WARNING, "SQLite wake-up failed: " + e);
            }
        }
    }

    /** Where the events come from. */
    private interface Source {
        /** Watches a directory; returns its key (the same key for the same directory). */
        Object add(Path dir, boolean modifications) throws IOException;

        void remove(Object key);

        /** Reads events forever, handing each to {@code watch}. */
        void run(SharedFileWatch watch);
    }

    /** Linux: inotify read by the dispatching thread itself. */
    private static final class InotifySource implements Source {
        private final Inotify inotify;

        InotifySource(Inotify inotify) {
            this.inotify = inotify;
        }

        @Override
        public Object add(Path dir, boolean modifications) throws IOException {
            int mask = Inotify.IN_DELETE | Inotify.IN_MOVED_FROM | (modifications ? Inotify.IN_MODIFY : 0);
            return inotify.addWatch(dir, mask);
        }

        @Override
        public void remove(Object key) {
            inotify.removeWatch((Integer) key);
        }

        @Override
        public void run(SharedFileWatch watch) {
            Inotify.Sink sink = (wd, mask, name) -> {
                if ((mask & Inotify.IN_Q_OVERFLOW) != 0) {
                    watch.dispatchLostEverywhere();
                } else if ((mask & (Inotify.IN_DELETE | Inotify.IN_MOVED_FROM)) != 0) {
                    watch.dispatch(wd, Change.DELETED, name);
                } else if ((mask & Inotify.IN_MODIFY) != 0) {
                    watch.dispatch(wd, Change.MODIFIED, name);
                } else if ((mask & Inotify.IN_IGNORED) != 0) {
                    watch.dispatch(wd, Change.LOST, ""); // the directory went away under its waiters
                }
            };
            IOException e = inotify.readUntilFailure(sink);
            // The waiters' periodic re-checks carry on.
            System.getLogger("dev.ipcm").log(System.Logger.Level.WARNING,
                    "SQLite wake-ups stopped: " + e.getMessage() + "; receivers fall back to re-checking");
            watch.dispatchLostEverywhere();
        }
    }

    /** Elsewhere: the JDK's watch service (one service, so still one set of threads per JVM). */
    private static final class JdkSource implements Source {
        private final WatchService service;

        JdkSource() throws IOException {
            this.service = FileSystems.getDefault().newWatchService();
        }

        @Override
        public Object add(Path dir, boolean modifications) throws IOException {
            return modifications
                    ? dir.register(service, StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_DELETE)
                    : dir.register(service, StandardWatchEventKinds.ENTRY_DELETE);
        }

        @Override
        public void remove(Object key) {
            ((WatchKey) key).cancel();
        }

        @Override
        public void run(SharedFileWatch watch) {
            while (true) {
                WatchKey key;
                try {
                    key = service.take();
                } catch (InterruptedException | ClosedWatchServiceException e) {
                    return; // only at JVM exit: the service is never closed otherwise
                }
                for (WatchEvent<?> e : key.pollEvents()) {
                    String name = e.context() == null ? "" : e.context().toString();
                    if (e.kind() == StandardWatchEventKinds.OVERFLOW) {
                        watch.dispatch(key, Change.LOST, name);
                    } else if (e.kind() == StandardWatchEventKinds.ENTRY_DELETE) {
                        watch.dispatch(key, Change.DELETED, name);
                    } else if (e.kind() == StandardWatchEventKinds.ENTRY_MODIFY) {
                        watch.dispatch(key, Change.MODIFIED, name);
                    }
                }
                key.reset();
            }
        }
    }
}
