package dev.ipcm.internal;

import java.io.File;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;

/**
 * A class-data sharing archive for child JVMs (a dynamic AppCDS archive on JDK 13 to 24, the
 * ahead-of-time cache on JDK 25: {@link ArchiveFormat}), kept in a private per-user cache. A child JVM spends most of its start loading and verifying the same
 * few thousand classes (Jackson, JNA, junixsocket, ipcm); mapping them from an archive made by
 * an earlier child saves about a third of its CPU time to ready.
 *
 * <p>One archive per JDK, class path (each jar's size and time included) and JVM option list,
 * so a changed jar or option never meets an archive made for something else. The first child
 * without an archive writes one at its exit to a file of its own (on JDK 25 this JVM then builds
 * the cache from what it recorded); this JVM then checks it with a throw-away strict
 * {@code -version} run (a truncated archive can crash a JDK 17 JVM, so an
 * unchecked one is never used) and renames it into place atomically. Two parents racing each
 * publish a complete archive; the last rename wins. Anything unusual (a directory on the class
 * path, a cache directory others could write to, an option that already chooses an archive)
 * means no archive, silently: the child starts as it would have without one.
 */
final class ClassDataArchive {
    /** {@code -Dipcm.jvm.cds=false} turns archives off for the children of this JVM. */
    static final String ENABLED_PROPERTY = "ipcm.jvm.cds";
    /** Where archives live; by default {@code $XDG_CACHE_HOME/ipcm/cds} or {@code ~/.cache/ipcm/cds}. */
    static final String DIR_PROPERTY = "ipcm.jvm.cds.dir";
    private static final long STALE_TEMP_MILLIS = TimeUnit.HOURS.toMillis(1);
    /** Archive keys a child of this JVM is writing now, so several children do not all dump the same one. */
    private static final Set<String> IN_FLIGHT = ConcurrentHashMap.newKeySet();
    /** Keys found unusable in this JVM (a class path the JDK cannot archive); not asked again. */
    private static final Set<String> UNUSABLE = ConcurrentHashMap.newKeySet();

    private final ArchiveFormat format = ArchiveFormat.forThisJdk();
    private final Path dir;
    private final String key;
    private final List<String> options;
    private final String classPath;

    private ClassDataArchive(Path dir, String key, List<String> options, String classPath) {
        this.dir = dir;
        this.key = key;
        this.options = options;
        this.classPath = classPath;
    }

    /**
     * The archive for a child with these JVM options and class path, or empty when the child
     * should start without one.
     */
    static Optional<ClassDataArchive> forChild(List<String> options, String classPath) {
        if (!Boolean.parseBoolean(System.getProperty(ENABLED_PROPERTY, "true")) || Runtime.version().feature() < 13
                || options.stream().anyMatch(ClassDataArchive::choosesSharing) || !jarsOnly(classPath)) {
            return Optional.empty();
        }
        Optional<Path> dir = ArchiveCacheDir.privateDir();
        if (dir.isEmpty()) {
            return Optional.empty();
        }
        String key = ArchiveKey.of(options, classPath);
        if (key == null || UNUSABLE.contains(key)) {
            return Optional.empty();
        }
        return Optional.of(new ClassDataArchive(dir.get(), key, List.copyOf(options), classPath));
    }

    /** Whether an option already decides about class-data sharing (or an AOT cache), which ours must not contradict. */
    private static boolean choosesSharing(String option) {
        return option.startsWith("-Xshare") || option.contains("SharedArchiveFile") || option.contains("ArchiveClassesAtExit")
                || option.contains("AutoCreateSharedArchive") || option.contains("SharedClassListFile")
                || option.contains("DumpLoadedClassList") || option.startsWith("-XX:AOT");
    }

    /** The JDK archives classes from jar files only; a directory on the class path makes the dump fail at start. */
    private static boolean jarsOnly(String classPath) {
        if (classPath == null || classPath.isEmpty()) {
            return false;
        }
        for (String entry : classPath.split(File.pathSeparator)) {
            if (!Files.isRegularFile(Path.of(entry))) {
                return false;
            }
        }
        return true;
    }

    /** The options that make the child use this archive, or write it when there is none yet. */
    List<String> childOptions() {
        // A stale or foreign archive is ignored by the JVM; the format's log options keep it from saying so on standard output.
        Path archive = archive();
        if (Files.isRegularFile(archive)) {
            return format.use(archive);
        }
        if (!IN_FLIGHT.add(key)) {
            return List.of(); // a sibling is writing it; this child starts without
        }
        if (!classPathArchivable()) {
            UNUSABLE.add(key);
            IN_FLIGHT.remove(key);
            return List.of();
        }
        return format.record(tempFile());
    }

    /**
     * Called with the child's process once it is started with {@link #childOptions()}: when the
     * child was the one writing the archive, its exit publishes the archive (after a check).
     */
    void started(Process child, List<String> childOptions) {
        Optional<Path> temp = recordedFile(childOptions);
        if (temp.isEmpty()) {
            return;
        }
        child.onExit().thenRun(() -> {
            try {
                publish(temp.get());
            } finally {
                IN_FLIGHT.remove(key);
            }
        });
    }

    /** Called when the child could not even be started. */
    void notStarted(List<String> childOptions) {
        if (recordedFile(childOptions).isPresent()) {
            IN_FLIGHT.remove(key);
        }
    }

    /** The file a child started with these options records into, if it is the one writing the archive. */
    Optional<Path> recordedFile(List<String> childOptions) {
        return childOptions.stream().filter(o -> o.startsWith(format.recordOption))
                .map(o -> Path.of(o.substring(format.recordOption.length()))).findFirst();
    }

    private void publish(Path temp) {
        Optional<Path> built = Optional.empty();
        try {
            if (Files.isRegularFile(temp) && Files.size(temp) > 0) {
                built = format.assemble(temp, options, classPath);
                if (built.isPresent() && usable(built.get())) {
                    try {
                        Files.move(built.get(), archive(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                    } catch (AtomicMoveNotSupportedException e) {
                        // Same directory, so this does not happen on a POSIX file system; never copy half a file into place.
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // No archive this time; a later child tries again.
        } finally {
            deleteQuietly(temp);
            built.ifPresent(ClassDataArchive::deleteQuietly);
        }
    }

    /** Whether a JVM with the children's options maps the archive (the strict options refuse to start otherwise). */
    private boolean usable(Path candidate) {
        List<String> cmd = new ArrayList<>();
        cmd.add(ChildJvm.javaExecutable());
        cmd.addAll(options);
        cmd.addAll(format.strict());
        cmd.addAll(format.use(candidate));
        cmd.add("-cp");
        cmd.add(classPath);
        cmd.add("-version");
        return ArchiveFormat.exitsCleanly(cmd);
    }

    /** A manifest {@code Class-Path} may name directories, which the dump cannot take either; checked once per key. */
    private boolean classPathArchivable() {
        for (String entry : classPath.split(File.pathSeparator)) {
            try (JarFile jar = new JarFile(entry)) {
                if (jar.getManifest() != null && jar.getManifest().getMainAttributes().getValue("Class-Path") != null) {
                    return false;
                }
            } catch (IOException e) {
                return false;
            }
        }
        return true;
    }

    Path archive() {
        return dir.resolve(key + format.extension());
    }

    private Path tempFile() {
        cleanStaleTemps();
        return dir.resolve(key + "." + ProcessHandle.current().pid() + "." + System.nanoTime() + ".tmp");
    }

    /** Temp files of parents that exited before their child did. */
    private void cleanStaleTemps() {
        long cutoff = System.currentTimeMillis() - STALE_TEMP_MILLIS;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*.tmp")) {
            for (Path p : ds) {
                if (Files.getLastModifiedTime(p).toMillis() < cutoff) {
                    deleteQuietly(p);
                }
            }
        } catch (IOException | RuntimeException e) {
            // Litter only; nothing depends on it.
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            // Left for cleanStaleTemps.
        }
    }
}
