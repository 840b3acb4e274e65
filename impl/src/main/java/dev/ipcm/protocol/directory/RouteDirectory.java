package dev.ipcm.protocol.directory;

import dev.ipcm.StoreGoneException;
import java.io.IOException;
import dev.ipcm.IpcmException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A store's route directory: where each client's endpoint and sidecar files live, and the one
 * place that turns "the directory vanished" into a {@link StoreGoneException}.
 */
final class RouteDirectory {
    private final Path dir;
    private final String protocol;

    RouteDirectory(Path dir, String protocol) {
        this.dir = dir;
        this.protocol = protocol;
    }

    /** The directory itself. */
    Path path() {
        return dir;
    }

    /** The entry named {@code n} (an endpoint, or a file of another client). */
    Path entry(String n) {
        return dir.resolve(n);
    }

    /** The sidecar of on-disk name {@code n} with a suffix such as {@code .pid}. */
    Path sidecar(String n, String suffix) {
        return dir.resolve(n + suffix);
    }

    /** Whether the directory still exists. */
    boolean exists() {
        return Files.isDirectory(dir);
    }

    /** The names of every entry, unsorted. */
    List<String> list() {
        List<String> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.forEach(p -> out.add(p.getFileName().toString()));
        } catch (NoSuchFileException e) {
            throw gone();
        } catch (IOException e) {
            throw failure("list", dir, e);
        }
        return out;
    }

    /** Throws {@link StoreGoneException} if the directory vanished. */
    void requireExists() {
        if (!exists()) {
            throw gone();
        }
    }

    /** The error for a route directory that no longer exists. */
    StoreGoneException gone() {
        return new StoreGoneException("The " + protocol + " store directory '" + dir + "' no longer exists: "
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
