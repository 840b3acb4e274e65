package dev.ipcm.protocol.directory;

import dev.ipcm.os.Inotify;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * This JVM's one file-system watch and the daemon thread that hands its events to the
 * {@link DirectoryWatch}es interested in them.
 *
 * <p>One watch for all clients, because on Linux each is an inotify instance and a user may only
 * have 128 of them: a watch per client would run out in a busy test JVM. On Linux the hub's
 * thread reads inotify itself ({@link Inotify}); through the JDK's {@code WatchService} every
 * event would wake the JDK's own poller thread first and this one second, one more thread
 * wake-up on every message's way to a waiting MessageFiles receiver. Elsewhere (or when JNA's
 * direct mapping is missing) the JDK's service serves.
 */
final class WatchHub {
    private static final WatchHub INSTANCE = create();
    private static final Set<WatchEvent.Kind<?>> ALL_KINDS = Set.of(StandardWatchEventKinds.ENTRY_CREATE,
            StandardWatchEventKinds.ENTRY_DELETE, StandardWatchEventKinds.ENTRY_MODIFY);

    private final Source source;
    private final Map<Object, List<DirectoryWatch>> listeners = new HashMap<>();
    /** Each watched directory's key by its file key (device and inode), as inotify itself tells directories apart. */
    private final Map<Object, Object> keysByFile = new HashMap<>();

    private WatchHub(Source source) {
        this.source = source;
        Thread t = new Thread(() -> source.run(this), "ipcm-directory-watch");
        t.setDaemon(true);
        t.start();
    }

    private static WatchHub create() {
        if (Inotify.available()) {
            try {
                return new WatchHub(new InotifySource(Inotify.open()));
            } catch (IOException e) {
                // The per-user limit of inotify instances, most likely; the JDK's service needs one too.
                return createWithJdkService("No inotify instance (" + e.getMessage() + ")");
            }
        }
        return createWithJdkService(null);
    }

    private static WatchHub createWithJdkService(String why) {
        try {
            return new WatchHub(new JdkSource(FileSystems.getDefault().newWatchService()));
        } catch (IOException | UnsupportedOperationException e) {
            System.getLogger("dev.ipcm").log(System.Logger.Level.WARNING,
                    "No file-system watch service (" + (why == null ? e : why + "; " + e) + "); file stores fall back to polling");
            return null;
        }
    }

    /** The hub, or null when this JVM has no watch service. */
    static WatchHub get() {
        return INSTANCE;
    }

    /** Whether the hub's thread reads inotify itself (false: through the JDK's watch service). */
    boolean readsInotifyItself() {
        return source instanceof InotifySource;
    }

    /**
     * Starts delivering {@code dir}'s events to {@code watch}. The directory is watched for the
     * kinds of every watch of it together, and no more: on a MessageFiles inbox each message is
     * created, written, renamed and unlinked, and each event that nobody waits for would still
     * wake this hub's thread. A directory whose identity cannot be read is watched for all three.
     *
     * @return the directory's key, for {@link #unregister}
     */
    synchronized Object register(Path dir, DirectoryWatch watch) throws IOException {
        Object file = fileKey(dir);
        Set<WatchEvent.Kind<?>> kinds = new HashSet<>(watch.kinds());
        Object known = file == null ? null : keysByFile.get(file);
        if (file == null) {
            kinds.addAll(ALL_KINDS);
        } else if (known != null) {
            listeners.getOrDefault(known, List.of()).forEach(w -> kinds.addAll(w.kinds()));
        }
        Object key = source.add(dir, kinds);
        listeners.computeIfAbsent(key, k -> new CopyOnWriteArrayList<>()).add(watch);
        if (file != null) {
            keysByFile.put(file, key);
        }
        return key;
    }

    private static Object fileKey(Path dir) {
        try {
            return Files.readAttributes(dir, BasicFileAttributes.class).fileKey();
        } catch (IOException e) {
            return null;
        }
    }

    /** Stops delivering to {@code watch}; the directory's watch ends with its last listener. */
    synchronized void unregister(Object key, DirectoryWatch watch) {
        List<DirectoryWatch> list = listeners.get(key);
        if (list == null) {
            return;
        }
        list.remove(watch);
        if (list.isEmpty()) {
            listeners.remove(key);
            keysByFile.values().remove(key);
            source.remove(key);
        }
    }

    /** The watches of the directory under {@code key} (none once it is unregistered). */
    private synchronized List<DirectoryWatch> watchesOf(Object key) {
        return listeners.getOrDefault(key, List.of());
    }

    /** From the hub's thread: an event of {@code kind} about {@code name} in the directory under {@code key}. */
    void deliver(Object key, WatchEvent.Kind<?> kind, String name) {
        for (DirectoryWatch w : watchesOf(key)) {
            if (w.matches(kind, name)) {
                w.signal();
            }
        }
    }

    /** From the hub's thread: anything may have happened in the directory under {@code key} (its watch ended). */
    void deliverLost(Object key) {
        watchesOf(key).forEach(DirectoryWatch::signal);
    }

    /** From the hub's thread: events were lost everywhere (the kernel's queue overflowed). */
    void deliverLostEverywhere() {
        List<DirectoryWatch> all = new ArrayList<>();
        synchronized (this) {
            listeners.values().forEach(all::addAll);
        }
        all.forEach(DirectoryWatch::signal);
    }

    /** Where the events come from. */
    private interface Source {
        /** Watches {@code dir} for at least {@code kinds}; the same key for the same directory. */
        Object add(Path dir, Set<WatchEvent.Kind<?>> kinds) throws IOException;

        void remove(Object key);

        /** Reads events until the JVM exits, handing each to {@code hub}. */
        void run(WatchHub hub);
    }

    /** Linux: inotify, read by the hub's thread itself. */
    private static final class InotifySource implements Source {
        // The JDK's WatchService asks inotify for the same events per kind, so a watch means the same either way.
        private static final int CREATIONS = Inotify.IN_CREATE | Inotify.IN_MOVED_TO;
        private static final int REMOVALS = Inotify.IN_DELETE | Inotify.IN_MOVED_FROM;
        private static final int MODIFICATIONS = Inotify.IN_MODIFY | Inotify.IN_ATTRIB;

        private final Inotify inotify;

        InotifySource(Inotify inotify) {
            this.inotify = inotify;
        }

        @Override
        public Object add(Path dir, Set<WatchEvent.Kind<?>> kinds) throws IOException {
            int mask = (kinds.contains(StandardWatchEventKinds.ENTRY_CREATE) ? CREATIONS : 0)
                    | (kinds.contains(StandardWatchEventKinds.ENTRY_DELETE) ? REMOVALS : 0)
                    | (kinds.contains(StandardWatchEventKinds.ENTRY_MODIFY) ? MODIFICATIONS : 0);
            return inotify.addWatch(dir, mask);
        }

        @Override
        public void remove(Object key) {
            inotify.removeWatch((Integer) key);
        }

        @Override
        public void run(WatchHub hub) {
            Inotify.Sink sink = (wd, mask, name) -> {
                if ((mask & Inotify.IN_Q_OVERFLOW) != 0) {
                    hub.deliverLostEverywhere();
                } else if ((mask & Inotify.IN_IGNORED) != 0) {
                    hub.deliverLost(wd); // deleted under its waiters: they rescan and see why
                } else if ((mask & CREATIONS) != 0) {
                    hub.deliver(wd, StandardWatchEventKinds.ENTRY_CREATE, name);
                } else if ((mask & REMOVALS) != 0) {
                    hub.deliver(wd, StandardWatchEventKinds.ENTRY_DELETE, name);
                } else if ((mask & MODIFICATIONS) != 0) {
                    hub.deliver(wd, StandardWatchEventKinds.ENTRY_MODIFY, name);
                }
            };
            IOException e = inotify.readUntilFailure(sink);
            // Every wait is bounded, so waiters fall back to re-checking.
            System.getLogger("dev.ipcm").log(System.Logger.Level.WARNING,
                    "File-store wake-ups stopped: " + e.getMessage() + "; receivers fall back to re-checking");
            hub.deliverLostEverywhere();
        }
    }

    /** Elsewhere: the JDK's watch service. */
    private static final class JdkSource implements Source {
        private final WatchService service;

        JdkSource(WatchService service) {
            this.service = service;
        }

        @Override
        public Object add(Path dir, Set<WatchEvent.Kind<?>> kinds) throws IOException {
            // Registering a directory again replaces its kinds: the hub passes the union of its watches'.
            return dir.register(service, kinds.toArray(new WatchEvent.Kind<?>[0]));
        }

        @Override
        public void remove(Object key) {
            ((WatchKey) key).cancel();
        }

        @Override
        public void run(WatchHub hub) {
            while (true) {
                WatchKey key;
                try {
                    key = service.take();
                } catch (InterruptedException | ClosedWatchServiceException e) {
                    return;
                }
                List<WatchEvent<?>> events = key.pollEvents();
                if (!key.reset()) {
                    hub.deliverLost(key); // a key that is no longer valid (its directory was deleted) wakes everyone
                    continue;
                }
                for (WatchEvent<?> e : events) {
                    hub.deliver(key, e.kind(), e.context() instanceof Path p ? p.toString() : null);
                }
            }
        }
    }
}
