package dev.ipcm.os;

import com.sun.jna.Native;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.apiguardian.api.API;

/**
 * Linux {@code inotify(7)}, read by the caller's own thread. The JDK's {@code WatchService} reads
 * inotify on a thread of its own and hands each event to the thread that takes it: one more
 * thread wake-up per event, which a waiter that hands events on again would pay twice.
 *
 * <p>One instance is one inotify descriptor; {@link #read} blocks until events arrive.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class Inotify {
    /** A file in the watched directory was written. */
    public static final int IN_MODIFY = 0x2;
    /** A file's metadata (permissions, times, links) changed. */
    public static final int IN_ATTRIB = 0x4;
    /** A file was moved out of the watched directory. */
    public static final int IN_MOVED_FROM = 0x40;
    /** A file was moved into the watched directory (a rename within it included). */
    public static final int IN_MOVED_TO = 0x80;
    /** A file was created in the watched directory. */
    public static final int IN_CREATE = 0x100;
    /** A file in the watched directory was deleted. */
    public static final int IN_DELETE = 0x200;
    /** Events were lost: the kernel's queue overflowed (the watch descriptor is -1). */
    public static final int IN_Q_OVERFLOW = 0x4000;
    /** The watch was removed (explicitly, or its directory is gone). */
    public static final int IN_IGNORED = 0x8000;

    private static final int IN_CLOEXEC = 0x80000;
    private static final int IN_ONLYDIR = 0x1000000;
    private static final int IN_MASK_ADD = 0x20000000;
    /** {@code struct inotify_event}: wd, mask, cookie, len, then len bytes of NUL-padded name. */
    private static final int HEADER = 16;
    private static final boolean AVAILABLE;

    static {
        AVAILABLE = DirectLibC.bindOnLinux(Inotify.class);
    }

    private static native int inotify_init1(int flags);

    private static native int inotify_add_watch(int fd, long path, int mask);

    private static native int inotify_rm_watch(int fd, int wd);

    /** Told about each event {@link #read} finds. */
    @API(status = API.Status.INTERNAL, since = "0.1")
    public interface Sink {
        /**
         * One event.
         *
         * @param wd the watch it belongs to (-1 for {@link #IN_Q_OVERFLOW})
         * @param mask what happened ({@code IN_*} bits)
         * @param name the entry's name in the watched directory ("" when none)
         */
        void event(int wd, int mask, String name);
    }

    private final int fd;
    private final ByteBuffer events = ByteBuffer.allocateDirect(64 * 1024).order(ByteOrder.nativeOrder());
    private final long eventsAddress = DirectLibC.address(events);

    private Inotify(int fd) {
        this.fd = fd;
    }

    /** Whether inotify can be used here (Linux, and JNA's direct mapping loaded). */
    public static boolean available() {
        return AVAILABLE;
    }

    /**
     * A new inotify descriptor.
     *
     * @throws IOException when inotify is unavailable or the system refuses one (the per-user limit)
     */
    public static Inotify open() throws IOException {
        if (!AVAILABLE) {
            throw new IOException("inotify is not available here");
        }
        int fd = inotify_init1(IN_CLOEXEC);
        if (fd < 0) {
            int errno = Native.getLastError();
            throw new ErrnoException("inotify_init1 failed (errno " + errno + ")", errno);
        }
        return new Inotify(fd);
    }

    /**
     * Watches a directory for {@code mask}, added to what is watched there already.
     *
     * @return the watch descriptor: the same one for the same directory, however it is spelled
     */
    public int addWatch(Path dir, int mask) throws IOException {
        byte[] name = dir.toString().getBytes(StandardCharsets.UTF_8);
        ByteBuffer path = ByteBuffer.allocateDirect(name.length + 1);
        path.put(name).put((byte) 0);
        int wd = inotify_add_watch(fd, DirectLibC.address(path), mask | IN_MASK_ADD | IN_ONLYDIR);
        if (wd < 0) {
            int errno = Native.getLastError();
            throw new ErrnoException("inotify_add_watch on '" + dir + "' failed (errno " + errno + ")", errno);
        }
        return wd;
    }

    /** Stops a watch; the kernel then reports {@link #IN_IGNORED} for it. */
    public void removeWatch(int wd) {
        inotify_rm_watch(fd, wd);
    }

    /**
     * Reads events for as long as reads succeed, telling {@code sink} about each, in order: the
     * loop of a thread that does nothing else.
     *
     * @return the failure that ended it (not expected on a valid descriptor)
     */
    public IOException readUntilFailure(Sink sink) {
        while (true) {
            try {
                read(sink);
            } catch (IOException e) {
                return e;
            }
        }
    }

    /**
     * Waits for events and tells {@code sink} about each, in order.
     *
     * @throws IOException when the read fails for another reason than an interruption by a signal
     */
    public void read(Sink sink) throws IOException {
        long n = DirectLibC.read(fd, eventsAddress, events.capacity());
        if (n < 0) {
            int errno = Native.getLastError();
            if (errno == 4) { // EINTR
                return;
            }
            throw new ErrnoException("reading inotify events failed (errno " + errno + ")", errno);
        }
        int at = 0;
        while (at + HEADER <= n) {
            int wd = events.getInt(at);
            int mask = events.getInt(at + 4);
            int len = events.getInt(at + 12);
            int end = at + HEADER;
            while (end < at + HEADER + len && events.get(end) != 0) {
                end++;
            }
            byte[] name = new byte[end - at - HEADER];
            events.get(at + HEADER, name);
            sink.event(wd, mask, new String(name, StandardCharsets.UTF_8));
            at += HEADER + len;
        }
    }
}
