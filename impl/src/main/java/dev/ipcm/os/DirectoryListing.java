package dev.ipcm.os;

import com.sun.jna.Native;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apiguardian.api.API;

/**
 * A directory's entry names, and a file's removal, in the fewest system calls: a MessageFiles
 * receiver lists its inbox twice and removes a file for every message, on the message's way.
 *
 * <p>The JDK's directory stream makes nine calls per listing ({@code openat}, {@code dup},
 * {@code fstat}, two {@code fcntl}, two {@code getdents64}, two {@code close}); this makes
 * four ({@code open}, two {@code getdents64}, {@code close}). The JDK's delete looks at the
 * entry before it unlinks it (to choose between {@code rmdir} and {@code unlink}); this unlinks.
 * Where the calls cannot be bound (not Linux, or no JNA direct mapping) both use the JDK.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class DirectoryListing {
    private static final int O_RDONLY = 0;
    private static final int O_DIRECTORY = 0x10000;
    private static final int O_CLOEXEC = 0x80000;
    private static final int ENOENT = 2;
    private static final int EINTR = 4;
    private static final int EACCES = 13;
    private static final int ENOTDIR = 20;
    /** {@code struct linux_dirent64}: d_ino (8), d_off (8), d_reclen (2), d_type (1), then the name. */
    private static final int RECLEN_AT = 16;
    private static final int NAME_AT = 19;
    private static final int PATH_MAX = 4096;
    private static final Charset NAMES = Charset.forName(System.getProperty("sun.jnu.encoding", "UTF-8"));
    private static final boolean AVAILABLE;
    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    static {
        AVAILABLE = DirectLibC.bindOnLinux(DirectoryListing.class);
    }

    private static native int open(long path, int flags);

    private static native long getdents64(int fd, long buf, long count);

    private static native int close(int fd);

    private static native int unlink(long path);

    /** A thread's buffers: the entries read by one call, and a path as a C string. */
    private static final class Scratch {
        final ByteBuffer entries = ByteBuffer.allocateDirect(32 * 1024).order(ByteOrder.nativeOrder());
        final long entriesAddress = DirectLibC.address(entries);
        final ByteBuffer path = ByteBuffer.allocateDirect(PATH_MAX);
        final long pathAddress = DirectLibC.address(path);

        /** Puts {@code p} into {@link #path} as a C string; false when it is too long for it. */
        boolean put(Path p) {
            byte[] bytes = p.toString().getBytes(NAMES);
            if (bytes.length >= PATH_MAX) {
                return false;
            }
            path.clear();
            path.put(bytes).put((byte) 0);
            return true;
        }
    }

    private DirectoryListing() {}

    /** Whether the system calls are bound here (false: the JDK's calls serve). */
    public static boolean bindsSystemCalls() {
        return AVAILABLE;
    }

    /**
     * The names of the entries of {@code dir}, without {@code .} and {@code ..}, in the order the
     * file system lists them.
     *
     * @throws NoSuchFileException when {@code dir} does not exist
     * @throws NotDirectoryException when it is no directory
     */
    public static List<String> names(Path dir) throws IOException {
        Scratch s = AVAILABLE ? SCRATCH.get() : null;
        if (s == null || !s.put(dir)) {
            return jdkNames(dir);
        }
        int fd = open(s.pathAddress, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (fd < 0) {
            throw failure(dir, Native.getLastError(), "open");
        }
        try {
            List<String> names = new ArrayList<>();
            while (true) {
                long n = getdents64(fd, s.entriesAddress, s.entries.capacity());
                if (n == 0) {
                    return names;
                }
                if (n < 0) {
                    int errno = Native.getLastError();
                    if (errno == EINTR) {
                        continue;
                    }
                    throw failure(dir, errno, "getdents64");
                }
                readNames(s.entries, (int) n, names);
            }
        } finally {
            close(fd);
        }
    }

    private static void readNames(ByteBuffer entries, int length, List<String> names) {
        int at = 0;
        while (at < length) {
            int reclen = Short.toUnsignedInt(entries.getShort(at + RECLEN_AT));
            int end = at + NAME_AT;
            while (end < at + reclen && entries.get(end) != 0) {
                end++;
            }
            int size = end - at - NAME_AT;
            boolean dots = (size == 1 || size == 2) && entries.get(at + NAME_AT) == '.'
                    && (size == 1 || entries.get(at + NAME_AT + 1) == '.');
            if (!dots) {
                byte[] name = new byte[size];
                entries.get(at + NAME_AT, name);
                names.add(new String(name, NAMES));
            }
            at += reclen;
        }
    }

    private static List<String> jdkNames(Path dir) throws IOException {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            for (Path p : s) {
                names.add(p.getFileName().toString());
            }
        }
        return names;
    }

    /**
     * Removes the file {@code file}.
     *
     * @return false when there was none
     * @throws FileSystemException when it cannot be removed (a directory, no permission)
     */
    public static boolean unlinkIfExists(Path file) throws IOException {
        Scratch s = AVAILABLE ? SCRATCH.get() : null;
        if (s == null || !s.put(file)) {
            return Files.deleteIfExists(file);
        }
        if (unlink(s.pathAddress) == 0) {
            return true;
        }
        int errno = Native.getLastError();
        if (errno == ENOENT) {
            return false;
        }
        throw failure(file, errno, "unlink");
    }

    private static IOException failure(Path path, int errno, String call) {
        switch (errno) {
            case ENOENT:
                return new NoSuchFileException(path.toString());
            case ENOTDIR:
                return new NotDirectoryException(path.toString());
            case EACCES:
                return new AccessDeniedException(path.toString());
            default:
                return new FileSystemException(path.toString(), null, call + " failed (errno " + errno + ")");
        }
    }
}
