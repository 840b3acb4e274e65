package dev.ipcm.protocol.fs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Reads one MessageFiles message file, refusing anything a receiver must not open: a FIFO (its
 * open would block the receiver forever), a directory, a socket, a device, a symbolic link, or a
 * file too large for one array. The type is checked with {@code lstat(2)} before the open, so
 * nothing in an inbox can make a receive wait.
 */
final class MessageFileBytes {
    /** The largest array the JVM allocates. */
    static final long MAX_BYTES = Integer.MAX_VALUE - 8;

    private MessageFileBytes() {
    }

    /**
     * The file's bytes.
     *
     * @throws NotAMessageFile when the entry is no regular file or too large to hold, saying which
     * @throws java.nio.file.NoSuchFileException when it is gone
     */
    static byte[] read(Path path) throws IOException {
        BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (!a.isRegularFile()) {
            throw new NotAMessageFile("it is " + kind(a) + ", not a regular file");
        }
        if (a.size() > MAX_BYTES) {
            throw new NotAMessageFile("it holds " + a.size() + " bytes, more than the " + MAX_BYTES
                    + " one message can have");
        }
        return Files.readAllBytes(path);
    }

    private static String kind(BasicFileAttributes a) {
        if (a.isDirectory()) {
            return "a directory";
        }
        if (a.isSymbolicLink()) {
            return "a symbolic link";
        }
        return "a FIFO, socket or device";
    }

    /** An inbox entry named like a message that is not one a receiver may read. */
    static final class NotAMessageFile extends IOException {
        private static final long serialVersionUID = 1L;

        NotAMessageFile(String reason) {
            super(reason);
        }
    }
}
