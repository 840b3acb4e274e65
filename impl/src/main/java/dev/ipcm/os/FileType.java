package dev.ipcm.os;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.apiguardian.api.API;

/**
 * The kind of a directory entry as {@code lstat(2)} reports it. The JDK's attribute views lump
 * FIFOs and sockets together as "other"; the Linux {@code unix:mode} attribute tells them apart.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public enum FileType {
    /** A named pipe. */
    FIFO,
    /** A UNIX-domain socket. */
    SOCKET,
    /** A regular file. */
    REGULAR,
    /** A directory. */
    DIRECTORY,
    /** Something else (a symbolic link, a device). */
    OTHER,
    /** Nothing is there. */
    MISSING;

    private static final int S_IFMT = 0170000;
    private static final int S_IFIFO = 0010000;
    private static final int S_IFSOCK = 0140000;
    private static final int S_IFREG = 0100000;
    private static final int S_IFDIR = 0040000;

    /** The kind of {@code path}, not following a symbolic link. */
    public static FileType of(Path path) {
        int mode;
        try {
            mode = (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return MISSING;
        } catch (IOException e) {
            return Files.exists(path, LinkOption.NOFOLLOW_LINKS) ? OTHER : MISSING;
        }
        switch (mode & S_IFMT) {
            case S_IFIFO:
                return FIFO;
            case S_IFSOCK:
                return SOCKET;
            case S_IFREG:
                return REGULAR;
            case S_IFDIR:
                return DIRECTORY;
            default:
                return OTHER;
        }
    }
}
