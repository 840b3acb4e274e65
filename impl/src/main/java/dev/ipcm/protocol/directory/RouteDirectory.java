package dev.ipcm.protocol.directory;

import dev.ipcm.StoreGoneException;
import dev.ipcm.InvalidInfoException;
import dev.ipcm.IpcmException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A store's route directory: where each client's endpoint and sidecar files live, and the one
 * place that turns "the directory vanished" into a {@link StoreGoneException}.
 */
record RouteDirectory(Path path, String protocol) {
    /** The entry named {@code n} (an endpoint, or a file of another client). */
    Path entry(String n) {
        return path.resolve(n);
    }

    /** The sidecar of on-disk name {@code n} with a suffix such as {@code .pid}. */
    Path sidecar(String n, String suffix) {
        return path.resolve(n + suffix);
    }

    /** Removes everything of on-disk name {@code n}: the endpoint tree and every sidecar with its {@code .pend}. */
    void remove(String n) throws IOException {
        Sidecars.deleteTree(entry(n));
        for (String suffix : Sidecars.SUFFIXES) {
            Sidecars.deleteIfExists(sidecar(n, suffix));
            Sidecars.deleteIfExists(sidecar(n, suffix + Sidecars.PEND));
        }
    }

    /** Whether the directory still exists. */
    boolean exists() {
        return Files.isDirectory(path);
    }

    /** The names of every entry, unsorted. */
    List<String> list() {
        List<String> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(path)) {
            s.forEach(p -> out.add(p.getFileName().toString()));
        } catch (NoSuchFileException e) {
            throw gone();
        } catch (IOException e) {
            throw failure("list", path, e);
        }
        return out;
    }

    /** Throws {@link StoreGoneException} if the directory vanished. */
    void requireExists() {
        if (!exists()) {
            throw gone();
        }
    }

    /**
     * Throws unless the route is a store directory a client may write in: it exists
     * ({@link StoreGoneException} if not), is a directory, and passes {@link PrivateRoute}
     * ({@link InvalidInfoException} naming why, before anything is written there).
     */
    void requireStore() {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            throw gone();
        }
        Optional<String> problem;
        try {
            boolean directoryOrLink = Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS) || Files.isSymbolicLink(path);
            problem = directoryOrLink ? PrivateRoute.problem(path)
                    : Optional.of("it is a file, not the directory a " + protocol + " store is");
        } catch (IOException e) {
            throw failure("read the attributes of", path, e);
        }
        if (problem.isPresent()) {
            throw new InvalidInfoException("Refusing to connect to '" + path + "' as a " + protocol + " store: "
                    + problem.get() + "; connect with the info string that spawn printed (nothing was written)");
        }
    }

    /** The error for a route directory that no longer exists. */
    StoreGoneException gone() {
        return new StoreGoneException("The " + protocol + " store directory '" + path + "' no longer exists: "
                + "the store was unspawned or deleted; spawn a new store and connect to its info string");
    }

    /**
     * The error for a failed file operation: a {@link StoreGoneException} when the cause is the
     * directory having vanished, else the I/O failure with the path it concerned.
     */
    RuntimeException failure(String what, Path path, IOException e) {
        if (!exists()) {
            return gone();
        }
        return new IpcmException("Could not " + what + " '" + path + "' in " + protocol + " store: " + e, e);
    }
}
