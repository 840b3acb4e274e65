package dev.ipcm.protocol.directory;

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

/**
 * The one {@link WatchService} of this JVM and the daemon thread that hands its events to the
 * {@link DirectoryWatch}es interested in them.
 *
 * <p>One service for all clients, because on Linux each service is an inotify instance and a
 * user may only have 128 of them: a service per client would run out in a busy test JVM.
 */
final class WatchHub {
    private static final WatchHub INSTANCE = create();
    private static final Set<WatchEvent.Kind<?>> ALL_KINDS = Set.of(StandardWatchEventKinds.ENTRY_CREATE,
            StandardWatchEventKinds.ENTRY_DELETE, StandardWatchEventKinds.ENTRY_MODIFY);

    private final WatchService service;
    private final Map<WatchKey, List<DirectoryWatch>> listeners = new HashMap<>();
    /** Each watched directory's key by its file key (device and inode), as inotify itself tells directories apart. */
    private final Map<Object, WatchKey> keysByFile = new HashMap<>();

    private WatchHub(WatchService service) {
        this.service = service;
        Thread t = new Thread(this::run, "ipcm-directory-watch");
        t.setDaemon(true);
        t.start();
    }

    private static WatchHub create() {
        try {
            return new WatchHub(FileSystems.getDefault().newWatchService());
        } catch (IOException | UnsupportedOperationException e) {
            System.getLogger("dev.ipcm").log(System.Logger.Level.WARNING,
                    "No file-system watch service (" + e + "); file stores fall back to polling");
            return null;
        }
    }

    /** The hub, or null when this JVM has no watch service. */
    static WatchHub get() {
        return INSTANCE;
    }

    /**
     * Starts delivering {@code dir}'s events to {@code watch}. Registering a directory again
     * replaces the kinds of its shared key, so the key asks for the kinds of every watch of that
     * directory together; a directory whose identity cannot be read asks for all three. Asking for
     * no more than the watches want matters on a MessageFiles inbox: each message there is
     * created, written, renamed and unlinked, and each event that nobody waits for would still
     * wake the JDK's poller thread and this hub's.
     */
    @SuppressWarnings("unchecked")
    synchronized WatchKey register(Path dir, DirectoryWatch watch) throws IOException {
        Object file = fileKey(dir);
        Set<WatchEvent.Kind<?>> kinds = new HashSet<>(watch.kinds());
        WatchKey known = file == null ? null : keysByFile.get(file);
        if (file == null) {
            kinds.addAll(ALL_KINDS);
        } else if (known != null && known.isValid()) {
            listeners.getOrDefault(known, List.of()).forEach(w -> kinds.addAll(w.kinds()));
        }
        WatchKey key = dir.register(service, kinds.toArray(new WatchEvent.Kind[0]));
        listeners.computeIfAbsent(key, k -> new ArrayList<>()).add(watch);
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

    /** Stops delivering to {@code watch}; the directory's key is cancelled with its last listener. */
    synchronized void unregister(WatchKey key, DirectoryWatch watch) {
        List<DirectoryWatch> list = listeners.get(key);
        if (list == null) {
            return;
        }
        list.remove(watch);
        if (list.isEmpty()) {
            listeners.remove(key);
            keysByFile.values().remove(key);
            key.cancel();
        }
    }

    private void run() {
        while (true) {
            WatchKey key;
            try {
                key = service.take();
            } catch (InterruptedException | ClosedWatchServiceException e) {
                return;
            }
            List<WatchEvent<?>> events = key.pollEvents();
            List<DirectoryWatch> targets;
            synchronized (this) {
                targets = new ArrayList<>(listeners.getOrDefault(key, List.of()));
            }
            boolean valid = key.reset();
            for (DirectoryWatch w : targets) {
                // A key that is no longer valid (its directory was deleted) wakes everyone: they rescan and see why.
                if (!valid || w.matchesAny(events)) {
                    w.signal();
                }
            }
        }
    }
}
