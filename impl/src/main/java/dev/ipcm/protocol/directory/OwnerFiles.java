package dev.ipcm.protocol.directory;

import dev.ipcm.internal.SweepOnce;
import dev.ipcm.spi.StoreOwner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * The owner record of a store that is a file or directory: {@code <route>.ipcm-owner} beside it
 * (mode 0600), holding the protocol's info-string name and the {@link StoreOwner}. Beside, not
 * inside: a Perl peer lists a store directory's entries as clients and never looks at its
 * neighbours. The sweep reads only records in one directory, takes the store's path from the
 * record's own name (never from its content), and destroys a store only when the record and
 * the store both belong to this user and the owner is dead here.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class OwnerFiles {
    /** Appended to a store's route to name its owner record. */
    public static final String SUFFIX = ".ipcm-owner";
    private static final long MAX_BYTES = 4096;

    /** Destroys one store found with a dead owner. */
    @API(status = API.Status.INTERNAL, since = "0.1")
    @FunctionalInterface
    public interface Unspawner {
        /** Destroys the store at {@code route}. */
        void unspawn(String route);
    }

    private OwnerFiles() {}

    /** Writes (or, for an empty owner, removes) the owner record of the store at {@code route}. */
    public static void record(Path route, String protocol, Optional<StoreOwner> owner) {
        Path file = recordOf(route);
        try {
            if (owner.isEmpty()) {
                Files.deleteIfExists(file);
                return;
            }
            Sidecars.writeAtomically(file, (protocol + "\n" + owner.get().text() + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the owner record " + file + ": " + e.getMessage(), e);
        }
    }

    /** Removes the owner record of a store being destroyed. */
    public static void remove(Path route) throws IOException {
        Files.deleteIfExists(recordOf(route));
    }

    /**
     * Once per JVM for {@code parent} and {@code protocol}: destroys every store of
     * {@code protocol} in {@code parent} whose recorded owner is dead here, with its record.
     */
    public static void sweepOnce(Path parent, String protocol, Unspawner unspawner) {
        Path dir = parent.toAbsolutePath().normalize();
        SweepOnce.run(protocol + " stores in " + dir, () -> sweep(dir, protocol, unspawner));
    }

    /** The sweep itself, every time it is called (tests call it directly). */
    public static void sweep(Path parent, String protocol, Unspawner unspawner) {
        if (!Files.isDirectory(parent)) {
            return;
        }
        try (DirectoryStream<Path> records = Files.newDirectoryStream(parent, "*" + SUFFIX)) {
            for (Path record : records) {
                try {
                    sweepOne(record, protocol, unspawner);
                } catch (IOException | RuntimeException e) {
                    SweepOnce.warn("could not sweep the store of owner record " + record + ": " + e);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not list " + parent + ": " + e.getMessage(), e);
        }
    }

    private static void sweepOne(Path record, String protocol, Unspawner unspawner) throws IOException {
        if (!Files.isRegularFile(record, LinkOption.NOFOLLOW_LINKS) || Files.size(record) > MAX_BYTES
                || PrivateRoute.problem(record).isPresent()) {
            return; // not a record this user wrote
        }
        String[] lines;
        try {
            lines = Files.readString(record, StandardCharsets.UTF_8).split("\n");
        } catch (NoSuchFileException e) {
            return; // its store was destroyed meanwhile
        }
        if (lines.length != 2 || !lines[0].equals(protocol)) {
            return;
        }
        Optional<StoreOwner> owner = StoreOwner.parse(lines[1]);
        if (owner.isEmpty() || !owner.get().isDeadHere()) {
            return;
        }
        String name = record.getFileName().toString();
        Path store = record.resolveSibling(name.substring(0, name.length() - SUFFIX.length()));
        if (Files.exists(store, LinkOption.NOFOLLOW_LINKS)) {
            Optional<String> problem = PrivateRoute.problem(store);
            if (problem.isPresent()) {
                SweepOnce.warn("not sweeping " + store + " although its owner died: " + problem.get());
                return;
            }
            unspawner.unspawn(store.toString());
            SweepOnce.swept(protocol + " store " + store + " (owner pid " + owner.get().pid() + ")");
        }
        Files.deleteIfExists(record);
    }

    private static Path recordOf(Path route) {
        return route.resolveSibling(route.getFileName() + SUFFIX);
    }
}
