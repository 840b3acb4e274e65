package dev.ipcm.protocol.db.server;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Finds database server programs: on the PATH, then in the usual install directories. */
final class Binaries {
    private Binaries() {}

    /** The first of {@code names} found on the PATH or in {@code extraDirs}. */
    static Optional<Path> find(List<String> extraDirs, String... names) {
        List<Path> dirs = new ArrayList<>();
        String path = System.getenv("PATH");
        if (path != null) {
            for (String d : path.split(File.pathSeparator)) {
                if (!d.isEmpty()) {
                    dirs.add(Path.of(d));
                }
            }
        }
        extraDirs.forEach(d -> dirs.add(Path.of(d)));
        for (String name : names) {
            for (Path d : dirs) {
                Path candidate = d.resolve(name);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    /** PostgreSQL's versioned bin directories, newest first ({@code /usr/lib/postgresql/15/bin}). */
    static List<String> postgresDirs() {
        List<String> out = new ArrayList<>();
        for (String root : List.of("/usr/lib/postgresql", "/usr/local/pgsql", "/opt/homebrew/opt")) {
            Path r = Path.of(root);
            if (!Files.isDirectory(r)) {
                continue;
            }
            try (Stream<Path> s = Files.list(r)) {
                s.sorted(Comparator.comparing((Path p) -> versionOf(p.getFileName().toString())).reversed())
                        .forEach(p -> out.add(p.resolve("bin").toString()));
            } catch (IOException e) {
                // An unreadable directory simply holds nothing we can use.
            }
        }
        out.add("/usr/local/pgsql/bin");
        return out;
    }

    private static int versionOf(String name) {
        String digits = name.replaceAll("[^0-9]", "");
        try {
            return digits.isEmpty() ? 0 : Integer.parseInt(digits.length() > 6 ? digits.substring(0, 6) : digits);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    static List<String> mariadbDirs() {
        return List.of("/usr/sbin", "/usr/bin", "/usr/local/mysql/bin", "/usr/local/bin");
    }
}
