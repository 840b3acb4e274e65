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
import java.util.List;
import java.util.stream.Stream;

/**
 * The private directory of a temporary server, as DBIx::QuickDB makes it for IPC::Manager:
 * {@code DB-QUICK-<pid>-...}, mode 0700, in {@code $QDB_TMPDIR}, {@code $TMPDIR} or the temporary
 * directory, owned by the account the server runs as. Without {@code QDB_TMPDIR}, the first of
 * {@code $TMPDIR}, the JVM's temporary directory and {@code /tmp} that account can reach is
 * used, so a private {@code TMPDIR} (a user's 0700 directory) does not stop a server that runs as
 * {@code postgres} or {@code mysql}; a {@code QDB_TMPDIR} it cannot reach is refused naming the
 * directory in the way.
 */
final class ServerDirectory {
    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();
    private ServerDirectory() {}

    /**
     * Where the directory will go, not yet created: the watchdog watches it before it exists, so
     * no moment passes with a directory that nothing deletes should this JVM die.
     *
     * @param account the system account that will own it, or null for this JVM's user
     */
    static Path choose(String account) throws TemporaryServerException {
        String chosen = System.getenv("QDB_TMPDIR");
        if (chosen != null && !chosen.isBlank()) {
            return choose(account, chosen);
        }
        List<String> bases = Stream.of(System.getenv("TMPDIR"), System.getProperty("java.io.tmpdir"), "/tmp")
                .filter(b -> b != null && !b.isBlank()).distinct().toList();
        for (String base : bases) {
            if (account == null || ServerAccountReach.reaches(account, Path.of(base).toAbsolutePath())) {
                return choose(account, base);
            }
        }
        return choose(account, bases.get(0)); // refused, naming the directory in the way
    }

    /** Creates the directory in {@code base}. */
    static Path create(String account, String base) throws TemporaryServerException {
        return make(choose(account, base), account);
    }

    private static Path choose(String account, String base) throws TemporaryServerException {
        if (account != null) {
            ServerAccountReach.require(account, Path.of(base).toAbsolutePath());
        }
        return Path.of(base).toAbsolutePath().resolve("DB-QUICK-" + Os.get().pid() + "-" + (RANDOM.nextLong() & Long.MAX_VALUE));
    }

    /** Creates the directory {@link #choose} picked, owned by {@code account} (or this JVM's user when null). */
    static Path make(Path d, String account) throws TemporaryServerException {
        String base = String.valueOf(d.getParent());
        try {
            Files.createDirectory(d, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
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
