package dev.ipcm.protocol.fs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * The journal beside a JSONFile store ({@code <store>.journal}, mode 0600): the full new content,
 * written and synced before the store is rewritten in place and removed once the rewrite is
 * synced, so a writer killed mid-rewrite leaves something to replay (docs/protocols/file-stores.md,
 * "Crash safety"). Only the holder of the store's exclusive lock touches it.
 */
final class JsonJournal {
    static final String SUFFIX = ".journal";

    private final Path path;

    JsonJournal(Path store) {
        this.path = store.resolveSibling(store.getFileName() + SUFFIX);
    }

    Path path() {
        return path;
    }

    /** Writes {@code content} and waits until it is on disk. */
    void write(byte[] content) throws IOException {
        try (FileChannel ch = FileChannel.open(path, java.util.Set.of(StandardOpenOption.WRITE, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, LinkOption.NOFOLLOW_LINKS),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))) {
            ByteBuffer buf = ByteBuffer.wrap(content);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(true);
        }
    }

    /** The journal's content, if a journal exists. */
    Optional<byte[]> read() throws IOException {
        try {
            return Optional.of(Files.readAllBytes(path));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    void remove() throws IOException {
        Files.deleteIfExists(path);
    }

    /** Waits until what was written to {@code file} is on disk. */
    static void sync(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }
}
