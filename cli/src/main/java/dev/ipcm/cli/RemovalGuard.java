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
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

    private static final Pattern DSN_FILE = Pattern.compile("(?i)^dbi:[^:]*:(?:.*;)?(?:dbname|database|db)=([^;]+)");

    private RemovalGuard() {}

    /**
     * Returns quietly for a route that names no path on disk (a server DSN, an in-JVM name), or
     * whose paths (the route, or the file a DSN names) are private to this user and hold neither
     * the home nor the working directory.
     *
     * @throws InvalidInfoException naming the reason for refusing
     */
    static void check(String route) {
        for (String candidate : paths(route)) {
            Path path;
            try {
                path = Path.of(candidate);
            } catch (InvalidPathException e) {
                continue;
            }
            if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
                checkPath(route, path.toAbsolutePath());
            }
        }
    }

    /** The route itself, and the file a DSN or JDBC URL names ({@code dbi:SQLite:dbname=/x}, {@code jdbc:sqlite:/x}). */
    static List<String> paths(String route) {
        List<String> out = new ArrayList<>();
        out.add(route);
        Matcher dsn = DSN_FILE.matcher(route);
        if (dsn.find()) {
            out.add(dsn.group(1));
        }
        if (route.regionMatches(true, 0, "jdbc:sqlite:", 0, 12)) {
            String rest = route.substring(12);
            int q = rest.indexOf('?');
            out.add(q < 0 ? rest : rest.substring(0, q));
        }
        return out;
    }

    private static void checkPath(String route, Path path) {
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
