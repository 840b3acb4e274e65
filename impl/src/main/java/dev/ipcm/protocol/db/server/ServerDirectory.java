package dev.ipcm.protocol.db.server;

import dev.ipcm.os.Os;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The private directory of a temporary server, as DBIx::QuickDB makes it for IPC::Manager:
 * {@code DB-QUICK-<pid>-...}, mode 0700, in {@code $QDB_TMPDIR}, {@code $TMPDIR} or the temporary
 * directory, owned by the account the server runs as.
 */
final class ServerDirectory {
    private ServerDirectory() {}

    /**
     * Creates the directory.
     *
     * @param account the system account that will own it, or null for this JVM's user
     */
    static Path create(String account) throws TemporaryServerException {
        return create(account, firstSet(System.getenv("QDB_TMPDIR"), System.getenv("TMPDIR"),
                System.getProperty("java.io.tmpdir", "/tmp")));
    }

    /** Creates the directory in {@code base}. */
    static Path create(String account, String base) throws TemporaryServerException {
        if (account != null) {
            ServerAccountReach.require(account, Path.of(base).toAbsolutePath());
        }
        try {
            Path d = Files.createTempDirectory(Path.of(base), "DB-QUICK-" + Os.get().pid() + "-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            if (account != null) {
                PosixFileAttributeView view = Files.getFileAttributeView(d, PosixFileAttributeView.class);
                UserPrincipal user = d.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(account);
                GroupPrincipal group = d.getFileSystem().getUserPrincipalLookupService()
                        .lookupPrincipalByGroupName(account);
                view.setOwner(user);
                view.setGroup(group);
            }
            return d;
        } catch (IOException e) {
            throw new TemporaryServerException("Could not create a private directory for a temporary database server in "
                    + base + ": " + e.getMessage() + "; set QDB_TMPDIR or TMPDIR to a writable directory", e);
        }
    }

    private static String firstSet(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return "/tmp";
    }

    /** Deletes the directory and everything in it; a failure is logged, as it can only leave files behind. */
    static void delete(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | UncheckedIOException e) {
            System.getLogger("dev.ipcm").log(System.Logger.Level.WARNING,
                    "Could not delete the temporary server directory " + root + ": " + e.getMessage());
        }
    }
}
