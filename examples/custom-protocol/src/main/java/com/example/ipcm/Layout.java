package com.example.ipcm;

import dev.ipcm.spi.ClientNames;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Where things live in a DirectoryStore: {@code <store>/<client>/pid}, {@code .../suspended},
 * {@code .../inbox/<message id>.msg}, {@code .../tmp/} for half-written files, and
 * {@code <store>/.stats/<client>.json} (client names never start with a dot). Names are validated before they become paths, so none can leave the store.
 */
final class Layout {
    static final Set<PosixFilePermission> PRIVATE_DIR = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> PRIVATE_FILE = PosixFilePermissions.fromString("rw-------");

    private final Path store;

    Layout(Path store) {
        this.store = store;
    }

    Path client(String name) {
        return store.resolve(ClientNames.validate(name, DirectoryStoreProtocol.CAPABILITIES.maxNameLength()));
    }

    /** The client directory of a name, or empty when the name could never be a client. */
    Optional<Path> clientIfValid(String name) {
        try {
            return Optional.of(client(name));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    Path inbox(String name) {
        return client(name).resolve("inbox");
    }

    Path pidFile(String name) {
        return client(name).resolve("pid");
    }

    Path suspendedFile(String name) {
        return client(name).resolve("suspended");
    }

    /** Counts live beside the client directories, so they outlast a disconnect (the store's sanity check reads them). */
    Path statsFile(String name) throws IOException {
        return statsDir().resolve(ClientNames.validate(name, DirectoryStoreProtocol.CAPABILITIES.maxNameLength()) + ".json");
    }

    /**
     * Where every client's counts are kept. Only the {@code .stats} directory itself is created:
     * a client that outlives its store's destruction must not bring the store back (then it gets
     * {@link NoSuchFileException}).
     */
    Path statsDir() throws IOException {
        Path dir = store.resolve(".stats");
        try {
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PRIVATE_DIR));
        } catch (FileAlreadyExistsException e) {
            // Another client made it first.
        }
        return dir;
    }

    /** The names of every client directory. */
    List<String> clients() {
        List<String> out = new ArrayList<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(store,
                d -> Files.isDirectory(d) && !d.getFileName().toString().startsWith("."))) {
            dirs.forEach(d -> out.add(d.getFileName().toString()));
        } catch (NoSuchFileException e) {
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.sort(null);
        return out;
    }

    /** Creates a client's directories; false when the client directory already exists. */
    boolean create(String name) throws IOException {
        Path dir = client(name);
        try {
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PRIVATE_DIR));
        } catch (FileAlreadyExistsException e) {
            return false;
        }
        Files.createDirectory(dir.resolve("inbox"), PosixFilePermissions.asFileAttribute(PRIVATE_DIR));
        Files.createDirectory(dir.resolve("tmp"), PosixFilePermissions.asFileAttribute(PRIVATE_DIR));
        return true;
    }

    /** Writes a file whole or not at all: into tmp, then renamed into place. */
    void writeAtomically(String client, Path target, byte[] bytes) throws IOException {
        writeAtomically(client(client).resolve("tmp"), target, bytes);
    }

    /** The same, with the half-written file in {@code tmpDir} (on the target's file system). */
    static void writeAtomically(Path tmpDir, Path target, byte[] bytes) throws IOException {
        Path tmp = tmpDir.resolve("." + UUID.randomUUID() + ".part");
        Files.write(tmp, bytes);
        Files.setPosixFilePermissions(tmp, PRIVATE_FILE);
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
    }

    static Optional<String> readText(Path file) {
        try {
            return Optional.of(new String(Files.readAllBytes(file), StandardCharsets.UTF_8).trim());
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Removes a directory tree. A live client may drop a file in (a message, its counts) while
     * the walk passes, which leaves a directory not empty: then the tree is walked again, a few
     * times, before giving up.
     */
    static void deleteTree(Path root) {
        for (int attempt = 1; ; attempt++) {
            try {
                deleteTreeOnce(root);
                return;
            } catch (UncheckedIOException e) {
                if (!(e.getCause() instanceof DirectoryNotEmptyException) || attempt == 10) {
                    throw e;
                }
            }
        }
    }

    private static void deleteTreeOnce(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                    if (e instanceof NoSuchFileException) {
                        return FileVisitResult.CONTINUE;
                    }
                    throw e;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                    Files.deleteIfExists(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (NoSuchFileException e) {
            // Someone else removed it first: the goal is reached.
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
