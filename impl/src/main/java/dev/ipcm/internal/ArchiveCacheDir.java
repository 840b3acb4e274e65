package dev.ipcm.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.Optional;
import java.util.Set;

/**
 * Where {@link ClassDataArchive} keeps its archives: {@value ClassDataArchive#DIR_PROPERTY} if
 * set, else {@code $XDG_CACHE_HOME/ipcm/cds}, else {@code ~/.cache/ipcm/cds}, and only while that
 * directory is this user's alone.
 */
final class ArchiveCacheDir {
    private ArchiveCacheDir() {}

    /**
     * The cache directory, created owner-only; empty unless it is owned by this user and nobody
     * else can write to it (an archive is code the child runs: it must not come from anyone else).
     */
    static Optional<Path> privateDir() {
        try {
            Path dir = cacheDir();
            if (dir == null) {
                return Optional.empty();
            }
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir.getParent());
                try {
                    Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                } catch (java.nio.file.FileAlreadyExistsException e) {
                    // Another parent made it meanwhile; checked below like any existing one.
                }
            }
            PosixFileAttributes attrs = Files.readAttributes(dir, PosixFileAttributes.class, java.nio.file.LinkOption.NOFOLLOW_LINKS);
            UserPrincipal me = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(System.getProperty("user.name"));
            Set<PosixFilePermission> perms = attrs.permissions();
            if (!attrs.isDirectory() || !attrs.owner().equals(me) || perms.contains(PosixFilePermission.GROUP_WRITE)
                    || perms.contains(PosixFilePermission.OTHERS_WRITE)) {
                return Optional.empty();
            }
            return Optional.of(dir);
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return Optional.empty();
        }
    }

    private static Path cacheDir() {
        String configured = System.getProperty(ClassDataArchive.DIR_PROPERTY);
        if (configured != null && !configured.isEmpty()) {
            return Path.of(configured).toAbsolutePath();
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isEmpty() && Path.of(xdg).isAbsolute()) {
            return Path.of(xdg, "ipcm", "cds");
        }
        String home = System.getProperty("user.home");
        if (home == null || home.isEmpty() || home.equals("?")) {
            return null;
        }
        return Path.of(home, ".cache", "ipcm", "cds");
    }
}
