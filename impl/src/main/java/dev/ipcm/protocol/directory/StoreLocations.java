package dev.ipcm.protocol.directory;

import dev.ipcm.InvalidNameException;
import dev.ipcm.IpcmException;
import dev.ipcm.os.Os;
import dev.ipcm.spi.SpawnRequest;
import dev.ipcm.spi.Spawned;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import org.apiguardian.api.API;

/**
 * Where a spawned file store goes and what it is called, as File::Temp decides it for the
 * reference: in {@code $TMPDIR} when set and usable, else {@code /tmp}, named from a template
 * whose trailing {@code X}s become random characters from {@code [A-Za-z0-9_]}.
 *
 * <p>Spawn parameters: {@code route} (use exactly this path), {@code dir} (the parent
 * directory), {@code template} (the name pattern, at least four trailing {@code X}s).
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class StoreLocations {
    /** Creates the store at a path that must not exist yet; throws FileAlreadyExistsException if it does. */
    @API(status = API.Status.INTERNAL, since = "0.1")
    @FunctionalInterface
    public interface Creator {
        /** Creates the store at {@code path}. */
        void create(Path path) throws IOException;
    }

    private static final String CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int MIN_X = 4;
    private static final int ATTEMPTS = 1000;

    private StoreLocations() {}

    /** The default template of a protocol: {@code <prefix>-<pid>-XXXXXX}. */
    static String defaultTemplate(String prefix) {
        return prefix + "-" + Os.get().pid() + "-XXXXXX";
    }

    /** Creates a fresh store, as {@link #create}, and returns it as spawn's result (no stash). */
    public static Spawned spawn(SpawnRequest request, String defaultPrefix, String suffix, Creator creator) {
        return new Spawned(create(request, defaultPrefix, suffix, creator).toString(), null);
    }

    /**
     * Creates a fresh store and returns its absolute path.
     *
     * @param suffix appended after the template (e.g. {@code .json}), may be empty
     */
    static Path create(SpawnRequest request, String defaultPrefix, String suffix, Creator creator) {
        if (request.param("route").isPresent()) {
            Path route = Path.of(request.param("route").get()).toAbsolutePath();
            try {
                creator.create(route);
            } catch (IOException e) {
                throw new IpcmException("Could not create the store at route '" + route + "': " + e
                        + "; pass a path that does not exist yet in a writable directory", e);
            }
            return route;
        }
        String template = request.param("template").orElseGet(() -> defaultTemplate(defaultPrefix));
        int xs = trailingXs(template);
        Path parent = request.param("dir").map(Path::of).orElseGet(StoreLocations::tempDir).toAbsolutePath();
        IOException last = null;
        for (int i = 0; i < ATTEMPTS; i++) {
            Path candidate = parent.resolve(template.substring(0, template.length() - xs) + random(xs) + suffix);
            try {
                creator.create(candidate);
                return candidate;
            } catch (FileAlreadyExistsException e) {
                last = e;
            } catch (IOException e) {
                throw new IpcmException("Could not create a store in '" + parent + "': " + e
                        + "; set TMPDIR (or the 'dir' spawn parameter) to a writable directory", e);
            }
        }
        throw new IpcmException("Could not find a free store name for template '" + template + "' in '" + parent
                + "' after " + ATTEMPTS + " attempts; use a template with more trailing X characters", last);
    }

    /** The directory a spawn of {@code request} creates its store in: the route's, {@code dir}, or {@link #tempDir()}. */
    public static Path parentOf(SpawnRequest request) {
        return request.param("route").map(r -> Path.of(r).toAbsolutePath().getParent())
                .or(() -> request.param("dir").map(Path::of)).orElseGet(StoreLocations::tempDir).toAbsolutePath();
    }

    /** {@code $TMPDIR} when it is set and names a writable directory, else {@code /tmp}. */
    static Path tempDir() {
        String env = System.getenv("TMPDIR");
        if (env != null && !env.isEmpty()) {
            Path p = Path.of(env);
            if (Files.isDirectory(p) && Files.isWritable(p)) {
                return p;
            }
        }
        return Path.of("/tmp");
    }

    private static int trailingXs(String template) {
        if (template.isEmpty() || template.contains("/") || template.contains("\0")) {
            throw new InvalidNameException("Spawn template '" + template + "' must be a non-empty file name without '/'; "
                    + "use the 'dir' parameter to choose the directory");
        }
        int n = 0;
        while (n < template.length() && template.charAt(template.length() - 1 - n) == 'X') {
            n++;
        }
        if (n < MIN_X) {
            throw new InvalidNameException("Spawn template '" + template + "' must end in at least " + MIN_X
                    + " 'X' characters (they become random characters), e.g. 'MyStore-XXXXXX'");
        }
        return n;
    }

    private static String random(int n) {
        StringBuilder b = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            b.append(CHARS.charAt(RANDOM.nextInt(CHARS.length())));
        }
        return b.toString();
    }
}
