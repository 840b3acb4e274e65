package dev.ipcm.protocol.directory;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Pattern;
import org.apiguardian.api.API;

/**
 * Reading and writing the small files beside each endpoint ({@code N.pid}, {@code N.name},
 * {@code N.suspend}, {@code N.stats}) by the reader rules in docs/protocols/file-stores.md ("Layout"), so Perl parses what
 * we write and we parse what Perl writes.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class Sidecars {
    /** The suffixes of the files that accompany an endpoint; entries ending in one are never peers. */
    static final List<String> SUFFIXES = List.of(".pid", ".name", ".resume", ".stats", ".suspend");

    /** The suffix of a file being written, renamed over its target once complete. */
    public static final String PEND = ".pend";

    private static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> DIR_MODE = PosixFilePermissions.fromString("rwx------");
    private static final Pattern DIGITS = Pattern.compile("[0-9]+");
    private static final Pattern DEADLINE = Pattern.compile("[0-9]+(\\.[0-9]+)?");
    private static final Set<OpenOption> TRUNCATE = Set.of(StandardOpenOption.WRITE, StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING);
    private static final Set<OpenOption> APPEND = Set.of(StandardOpenOption.WRITE, StandardOpenOption.CREATE,
            StandardOpenOption.APPEND);
    private static final Set<OpenOption> FRESH = Set.of(StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW);

    private Sidecars() {}

    /** Whether a directory entry is a sidecar (its name ends in one of {@link #SUFFIXES}). */
    static boolean isSidecar(String entry) {
        for (String s : SUFFIXES) {
            if (entry.endsWith(s)) {
                return true;
            }
        }
        return false;
    }

    /** Owner-only file permissions: stores are private to their user. */
    static FileAttribute<Set<PosixFilePermission>> fileMode() {
        return PosixFilePermissions.asFileAttribute(FILE_MODE);
    }

    /** Owner-only directory permissions. */
    static FileAttribute<Set<PosixFilePermission>> dirMode() {
        return PosixFilePermissions.asFileAttribute(DIR_MODE);
    }

    /** Creates a directory with mode 0700 (set again after creation, in case the umask took bits away). */
    public static void createPrivateDirectory(Path dir) throws IOException {
        Files.createDirectory(dir, dirMode());
        Files.setPosixFilePermissions(dir, DIR_MODE);
    }

    /** Writes {@code content} to {@code target + ".pend"} and renames it over {@code target}. */
    static void writeAtomically(Path target, byte[] content) throws IOException {
        Path pend = target.resolveSibling(target.getFileName() + PEND);
        write(pend, content, TRUNCATE);
        rename(pend, target);
    }

    /** Creates or truncates {@code target} and writes {@code content} directly, as the reference writes stats. */
    static void writeDirect(Path target, byte[] content) throws IOException {
        write(target, content, TRUNCATE);
    }

    /** Creates {@code target}, which must not exist yet, and writes {@code content}. */
    public static void writeNew(Path target, byte[] content) throws IOException {
        write(target, content, FRESH);
    }

    /** Appends {@code content} with one append-mode write. */
    static void append(Path target, byte[] content) throws IOException {
        write(target, content, APPEND);
    }

    private static void write(Path target, byte[] content, Set<OpenOption> options) throws IOException {
        try (SeekableByteChannel ch = Files.newByteChannel(target, options, fileMode())) {
            ByteBuffer buf = ByteBuffer.wrap(content);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
        }
    }

    /** An atomic rename within one directory (rename(2) replaces an existing target). */
    public static void rename(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** The file's bytes, or empty when it does not exist. */
    static Optional<byte[]> read(Path file) throws IOException {
        try {
            return Optional.of(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    /** The first line without its newline, or empty when the file does not exist. */
    static Optional<String> firstLine(Path file) throws IOException {
        return read(file).map(bytes -> {
            String text = new String(bytes, StandardCharsets.UTF_8);
            int nl = text.indexOf('\n');
            return nl < 0 ? text : text.substring(0, nl);
        });
    }

    /** A pidfile's pid, accepted only when its first line is all digits; anything else is "no pid". */
    static OptionalLong readPid(Path pidFile) throws IOException {
        Optional<String> line = firstLine(pidFile);
        if (line.isEmpty() || !DIGITS.matcher(line.get()).matches() || line.get().length() > 18) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Long.parseLong(line.get()));
    }

    /** A pid as the reference writes it: decimal, no newline. */
    static byte[] formatPid(long pid) {
        return Long.toString(pid).getBytes(StandardCharsets.US_ASCII);
    }

    /** A suspend deadline, accepted only as {@code digits} or {@code digits.digits}. */
    static Optional<BigDecimal> readDeadline(Path file) throws IOException {
        Optional<String> line = firstLine(file);
        if (line.isEmpty() || !DEADLINE.matcher(line.get()).matches()) {
            return Optional.empty();
        }
        return Optional.of(new BigDecimal(line.get()));
    }

    /**
     * A deadline in plain decimal without trailing zeros ({@code 1795433141.30804}); never an
     * exponent, which the reference's reader would take for "no deadline".
     */
    static byte[] formatDeadline(BigDecimal epochSeconds) {
        String text = epochSeconds.stripTrailingZeros().toPlainString();
        if (!DEADLINE.matcher(text).matches()) {
            throw new IllegalArgumentException("a suspend deadline must be a non-negative epoch time: expiresAt=" + text);
        }
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /** A {@code .name} file: the whole content is the id. */
    static Optional<String> readName(Path file) throws IOException {
        return read(file).map(bytes -> new String(bytes, StandardCharsets.UTF_8));
    }

    /** Deletes a file if present. */
    static void deleteIfExists(Path file) throws IOException {
        Files.deleteIfExists(file);
    }

    /**
     * Removes a file or directory tree if present. Entries that vanish meanwhile are fine; a
     * sender that drops a file in while we delete makes us list again (a few times, then give up).
     */
    public static void deleteTree(Path root) throws IOException {
        for (int attempt = 0; ; attempt++) {
            if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
                return;
            }
            if (Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
                List<Path> children;
                try (var s = Files.list(root)) {
                    children = s.toList();
                } catch (NoSuchFileException e) {
                    return;
                }
                for (Path child : children) {
                    deleteTree(child);
                }
            }
            try {
                Files.deleteIfExists(root);
                return;
            } catch (DirectoryNotEmptyException e) {
                if (attempt >= 10) {
                    throw e;
                }
            }
        }
    }
}
