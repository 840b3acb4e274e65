package dev.ipcm.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a child JVM is started with: the quick-start options, which give way to options that
 * already decide, and are not passed on to the child's own children; and the class-data archive,
 * which is only ever used once a JVM has mapped it.
 */
class ChildJvmTuningTest {
    static final long WAIT_SECONDS = 60;

    @TempDir
    Path dir;

    @Test
    void quickStartAddsC1AndSerialBehindAMarker() {
        List<String> cmd = ChildJvm.of(Echo.class).quickStart().command();
        int marker = cmd.indexOf(ChildJvm.ADDED_MARKER + "2");
        assertThat(marker).isPositive();
        assertThat(cmd.subList(marker + 1, marker + 3)).containsExactly("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");
        assertThat(ChildJvm.of(Echo.class).command()).noneMatch(o -> o.startsWith(ChildJvm.ADDED_MARKER))
                .doesNotContain("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");
    }

    @Test
    void optionsThatAlreadyDecideWin() {
        List<String> gc = ChildJvm.of(Echo.class).quickStart().jvmOption("-XX:+UseParallelGC").command();
        assertThat(gc).contains("-XX:TieredStopAtLevel=1", "-XX:+UseParallelGC").doesNotContain("-XX:+UseSerialGC");
        List<String> jit = ChildJvm.of(Echo.class).quickStart().jvmOption("-XX:TieredStopAtLevel=4").command();
        assertThat(jit).contains("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=4").doesNotContain("-XX:TieredStopAtLevel=1");
        List<String> both = ChildJvm.of(Echo.class).quickStart().jvmOption("-Xint").jvmOption("-XX:+UseG1GC").command();
        assertThat(both).noneMatch(o -> o.startsWith(ChildJvm.ADDED_MARKER));
    }

    /** A child started quick runs with the options but passes them on only when asked to take over. */
    @Test
    void aChildDoesNotPassOnWhatItsParentChoseForIt() throws Exception {
        Process p = ChildJvm.of(Echo.class).quickStart().start();
        String out = read(p);
        assertThat(p.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        String[] lines = out.split("\n");
        assertThat(lines[0]).contains("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");
        assertThat(lines[1]).doesNotContain("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", ChildJvm.ADDED_MARKER);
        assertThat(lines[2]).contains("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");
    }

    /** Prints its own options, a plain child's command and a take-over child's command. */
    public static final class Echo {
        public static void main(String[] args) {
            System.out.println(ManagementFactory.getRuntimeMXBean().getInputArguments());
            System.out.println(ChildJvm.of(Echo.class).command());
            System.out.println(ChildJvm.of(Echo.class).sameTuningAsThisJvm().command());
        }
    }

    @Test
    void aDirectoryOnTheClassPathMeansNoArchive() throws Exception {
        Path jar = helloJar();
        withCacheDir(dir.resolve("cache"), () -> {
            assertThat(ClassDataArchive.forChild(List.of(), jar + java.io.File.pathSeparator + dir)).isEmpty();
            assertThat(ClassDataArchive.forChild(List.of("-Xshare:off"), jar.toString())).isEmpty();
            assertThat(ClassDataArchive.forChild(List.of(), jar.toString())).isPresent();
        });
    }

    @Test
    void aCacheDirectoryOthersCanWriteToIsNotUsed() throws Exception {
        Path jar = helloJar();
        Path shared = Files.createDirectory(dir.resolve("shared"));
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));
        withCacheDir(shared, () -> assertThat(ClassDataArchive.forChild(List.of(), jar.toString())).isEmpty());
        Path created = dir.resolve("made").resolve("cds");
        withCacheDir(created, () -> assertThat(ClassDataArchive.forChild(List.of(), jar.toString())).isPresent());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(created))).isEqualTo("rwx------");
    }

    /** The first child writes the archive at its exit; it is published once a JVM maps it, then used. */
    @Test
    void theFirstChildWritesTheArchiveTheNextOnesMapIt() throws Exception {
        Path jar = helloJar();
        Path cache = dir.resolve("cache");
        withCacheDir(cache, () -> {
            ClassDataArchive first = ClassDataArchive.forChild(List.of(), jar.toString()).orElseThrow();
            List<String> writing = first.childOptions();
            assertThat(first.recordedFile(writing)).as("the file the first child records into").isPresent();
            // A sibling started meanwhile does not write the same archive a second time.
            assertThat(ClassDataArchive.forChild(List.of(), jar.toString()).orElseThrow().childOptions()).isEmpty();
            Process p = java(writing, jar, "Hello");
            first.started(p, writing);
            assertThat(read(p)).isEqualTo("hello\n");
            assertThat(p.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
            awaitFile(first.archive());
            List<String> mapping = ClassDataArchive.forChild(List.of(), jar.toString()).orElseThrow().childOptions();
            assertThat(mapping).isEqualTo(ArchiveFormat.forThisJdk().use(first.archive()));
            List<String> strict = new ArrayList<>(mapping);
            strict.addAll(ArchiveFormat.forThisJdk().strict());
            Process q = java(strict, jar, "Hello");
            assertThat(read(q)).isEqualTo("hello\n");
            assertThat(q.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
            assertThat(q.exitValue()).isZero();
            try (var files = Files.list(cache)) {
                assertThat(files).containsExactly(first.archive());
            }
        });
    }

    /** A child that leaves a broken file behind (killed mid-dump) publishes nothing. */
    @Test
    void aBrokenArchiveIsNeverPublished() throws Exception {
        Path jar = helloJar();
        Path cache = dir.resolve("cache");
        withCacheDir(cache, () -> {
            ClassDataArchive a = ClassDataArchive.forChild(List.of(), jar.toString()).orElseThrow();
            List<String> writing = a.childOptions();
            String temp = a.recordedFile(writing).orElseThrow().toString();
            Process p = new ProcessBuilder("sh", "-c", "head -c 100000 /dev/urandom > '" + temp + "'").start();
            a.started(p, writing);
            assertThat(p.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
            while (Files.exists(Path.of(temp)) && System.nanoTime() < deadline) {
                Thread.sleep(20); // polls a file another thread removes; nothing to wait on
            }
            assertThat(Path.of(temp)).doesNotExist();
            assertThat(a.archive()).doesNotExist();
            // The key is free again: the next child writes.
            ClassDataArchive next = ClassDataArchive.forChild(List.of(), jar.toString()).orElseThrow();
            assertThat(next.recordedFile(next.childOptions())).as("the file the next child records into").isPresent();
        });
    }

    private Process java(List<String> options, Path jar, String main) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(ChildJvm.javaExecutable());
        cmd.addAll(options);
        cmd.add("-cp");
        cmd.add(jar.toString());
        cmd.add(main);
        return new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    private static String read(Process p) throws IOException {
        try (InputStream in = p.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void awaitFile(Path p) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (!Files.exists(p) && System.nanoTime() < deadline) {
            Thread.sleep(20); // the archive is published by another thread after a check run
        }
        assertThat(p).exists();
    }

    /** A jar with one class, {@code Hello}, that prints {@code hello}: a class path the JDK can archive. */
    private Path helloJar() throws IOException {
        Path jar = dir.resolve("hello-" + System.nanoTime() + ".jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("Hello.class"));
            out.write(HELLO_CLASS);
            out.closeEntry();
        }
        return jar;
    }

    interface Body {
        void run() throws Exception;
    }

    private static void withCacheDir(Path cache, Body body) throws Exception {
        String before = System.getProperty(ClassDataArchive.DIR_PROPERTY);
        System.setProperty(ClassDataArchive.DIR_PROPERTY, cache.toString());
        try {
            body.run();
        } finally {
            if (before == null) {
                System.clearProperty(ClassDataArchive.DIR_PROPERTY);
            } else {
                System.setProperty(ClassDataArchive.DIR_PROPERTY, before);
            }
        }
    }

    /** {@code public class Hello { public static void main(String[] a) { System.out.println("hello"); } }}, compiled for Java 8. */
    private static final byte[] HELLO_CLASS = java.util.Base64.getDecoder().decode("yv66vgAAADQAGgoAAgADBwAEDAAFAAYBABBqYXZhL2xhbmcvT2JqZWN0AQAGPGluaXQ+AQADKClWCQAIAAkHAAoMAAsADAEAEGphdmEvbGFuZy9TeXN0ZW0BAANvdXQBABVMamF2YS9pby9QcmludFN0cmVhbTsIAA4BAAVoZWxsbwoAEAARBwASDAATABQBABNqYXZhL2lvL1ByaW50U3RyZWFtAQAHcHJpbnRsbgEAFShMamF2YS9sYW5nL1N0cmluZzspVgcAFgEABUhlbGxvAQAEQ29kZQEABG1haW4BABYoW0xqYXZhL2xhbmcvU3RyaW5nOylWACEAFQACAAAAAAACAAEABQAGAAEAFwAAABEAAQABAAAABSq3AAGxAAAAAAAJABgAGQABABcAAAAVAAIAAQAAAAmyAAcSDbYAD7EAAAAAAAA=");
}
