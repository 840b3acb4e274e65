package dev.ipcm.cli;

import dev.ipcm.InvalidInfoException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import dev.ipcm.protocol.directory.PrivateRoute;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a route before {@code ipcm destroy} removes it. A file-system store's route is deleted
 * recursively, and the route comes from text the user typed or pasted, so a mistaken info string
 * must not be able to remove a home directory or a shared directory. Every store is private to its
 * user (directories 0700, files 0600), so anything that is not is refused.
 */
final class RemovalGuard {
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
        Path workingDir = Path.of(System.getProperty("user.dir"));
        Optional<String> problem;
        try {
            problem = PrivateRoute.problem(path, workingDir);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the attributes of '" + route + "'", e);
        }
        if (problem.isPresent()) {
            String why = problem.get();
            throw refuse(route, why.endsWith(workingDir.toAbsolutePath().normalize().toString())
                    ? why + " (user.dir)" : why);
        }
    }

    private static InvalidInfoException refuse(String route, String why) {
        return new InvalidInfoException("Refusing to destroy '" + route + "': " + why
                + "; check that the info string is the one 'ipcm spawn' printed");
    }
}
