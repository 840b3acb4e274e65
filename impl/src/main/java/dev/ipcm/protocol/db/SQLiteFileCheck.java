package dev.ipcm.protocol.db;

import dev.ipcm.InvalidInfoException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Connect's test that a SQLite route is a SQLite database, made before the driver opens it: a
 * directory, a text file or a JSONFile store is refused with {@link InvalidInfoException}, and
 * nothing is written there. Every SQLite database file begins with the 16 bytes
 * {@code "SQLite format 3\0"} (the SQLite file format's header); a spawned store always has
 * them, because spawn creates its tables.
 */
final class SQLiteFileCheck {
    private static final byte[] HEADER = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);

    private SQLiteFileCheck() {}

    /** Throws unless {@code file}, when it exists, is a SQLite database; a missing file is left to connect's own error. */
    static void require(Path file) {
        if (!Files.exists(file)) {
            return;
        }
        if (Files.isDirectory(file)) {
            throw refusal(file, "it is a directory");
        }
        if (!Files.isRegularFile(file)) {
            throw refusal(file, "it is not a regular file");
        }
        byte[] start;
        try (InputStream in = Files.newInputStream(file)) {
            start = in.readNBytes(HEADER.length);
        } catch (IOException e) {
            throw new DatabaseAccessException("Could not read the SQLite store '" + file + "': " + e.getMessage(), e);
        }
        if (!Arrays.equals(start, HEADER)) {
            throw refusal(file, start.length == 0 ? "it is empty, and a SQLite store has its tables from spawn on"
                    : "it does not begin with the SQLite header, so it is no SQLite database");
        }
    }

    private static InvalidInfoException refusal(Path file, String why) {
        return new InvalidInfoException("Refusing to connect to '" + file + "' as a SQLite store: " + why
                + "; connect with the info string that spawn printed (nothing was written)");
    }
}
