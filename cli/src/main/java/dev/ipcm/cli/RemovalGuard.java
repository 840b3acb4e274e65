package dev.ipcm.cli;

import dev.ipcm.InvalidInfoException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;

/**
 * Checks a route before {@code ipcm destroy} removes it. A file-system store's route is deleted
 * recursively, and the route comes from text the user typed or pasted, so a mistaken info string
 * must not be able to remove a home directory or a shared directory. Every store is private to its
 * user (directories 0700, files 0600), so anything that is not is refused.
 */
final class RemovalGuard {
    private static final Set<PosixFilePermission> SHARED = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private RemovalGuard() {}

    /**
     * Returns quietly for a route that is not a path on disk (a database DSN, an in-JVM name),
     * or is a private path of this user that holds neither the home nor the working directory.
     *
     * @throws InvalidInfoException naming the reason for refusing
     */
    static void check(String route) {
        Path path;
        try {
            path = Path.of(route);
        } catch (InvalidPathException e) {
            return;
        }
        if (!path.isAbsolute() || !Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
        if (view == null) {
            return; // no POSIX owner or modes to judge by on this file system
        }
        PosixFileAttributes attrs;
        try {
            attrs = view.readAttributes();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the attributes of '" + route + "'", e);
        }
        if (attrs.isSymbolicLink()) {
            throw refuse(route, "it is a symbolic link, and no store route is one");
        }
        String me = System.getProperty("user.name");
        if (!attrs.owner().getName().equals(me)) {
            throw refuse(route, "it belongs to " + attrs.owner().getName() + ", not to " + me);
        }
        Set<PosixFilePermission> shared = EnumSet.copyOf(SHARED);
        shared.retainAll(attrs.permissions());
        if (!shared.isEmpty()) {
            throw refuse(route, "it is readable or writable by others (" + shared + "), and every store is private "
                    + "to its user");
        }
        Path target = path.normalize();
        for (String property : new String[] {"user.home", "user.dir"}) {
            Path protectedDir = Path.of(System.getProperty(property)).toAbsolutePath().normalize();
            if (protectedDir.startsWith(target)) {
                throw refuse(route, "it holds " + protectedDir + " (" + property + ")");
            }
        }
    }

    private static InvalidInfoException refuse(String route, String why) {
        return new InvalidInfoException("Refusing to destroy '" + route + "': " + why
                + "; check that the info string is the one 'ipcm spawn' printed");
    }
}
