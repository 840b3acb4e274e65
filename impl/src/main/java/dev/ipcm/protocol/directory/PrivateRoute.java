package dev.ipcm.protocol.directory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * The one test of whether a path can be a store's route: every store is private to its user
 * (directories 0700, files 0600, as both this library and the reference spawn them), is no
 * symbolic link, and holds neither the user's home nor the given protected directories. A
 * mistyped or hostile info string naming {@code /etc} or a home directory fails it, before
 * connect writes anything there or destroy removes anything.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class PrivateRoute {
    private static final Set<PosixFilePermission> SHARED = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private static final Path SELF = Path.of("/proc/self");

    private PrivateRoute() {}

    /**
     * Compares user ids where Linux shows this process's ({@code /proc/self} belongs to it), so a
     * user without a name in the password database is still recognised; else compares names.
     */
    private static boolean ownedByMe(Path path, PosixFileAttributes attrs) throws IOException {
        if (Files.exists(SELF)) {
            return Files.getAttribute(path, "unix:uid", LinkOption.NOFOLLOW_LINKS).equals(Files.getAttribute(SELF, "unix:uid"));
        }
        return attrs.owner().getName().equals(System.getProperty("user.name"));
    }

    /**
     * Why {@code path} (which exists) cannot be a store's route, or empty when it can.
     *
     * @param protectedDirs directories the route must not hold besides the user's home
     */
    public static Optional<String> problem(Path path, Path... protectedDirs) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class,
                LinkOption.NOFOLLOW_LINKS);
        if (view == null) {
            return Optional.empty(); // no POSIX owner or modes to judge by on this file system
        }
        PosixFileAttributes attrs = view.readAttributes();
        if (attrs.isSymbolicLink()) {
            return Optional.of("it is a symbolic link, and no store route is one");
        }
        if (!ownedByMe(path, attrs)) {
            return Optional.of("it belongs to " + attrs.owner().getName() + ", not to " + System.getProperty("user.name"));
        }
        Set<PosixFilePermission> shared = EnumSet.copyOf(SHARED);
        shared.retainAll(attrs.permissions());
        if (!shared.isEmpty()) {
            return Optional.of("it is readable or writable by others (" + shared + "), and every store is private "
                    + "to its user");
        }
        Path target = path.toAbsolutePath().normalize();
        Path home = Path.of(System.getProperty("user.home")).toAbsolutePath().normalize();
        if (home.startsWith(target)) {
            return Optional.of("it holds " + home + " (user.home)");
        }
        for (Path dir : protectedDirs) {
            Path p = dir.toAbsolutePath().normalize();
            if (p.startsWith(target)) {
                return Optional.of("it holds " + p);
            }
        }
        return Optional.empty();
    }
}
