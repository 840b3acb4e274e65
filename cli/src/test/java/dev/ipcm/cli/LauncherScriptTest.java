package dev.ipcm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./ipcm} script on a first use: it says that it builds before the build starts. A
 * stand-in {@code mvnw} "builds" a jar that runs the command from this test's class path, so that
 * the test does not run Maven inside Maven (the real jar is made only after the tests).
 */
class LauncherScriptTest {
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @TempDir
    Path checkout;

    @Test
    void aFirstRunSaysItIsBuildingThenRunsTheCommand() throws Exception {
        Path jar = launcherJar(checkout.resolve("built.jar"));
        Files.copy(ROOT.resolve("ipcm"), checkout.resolve("ipcm"));
        Files.writeString(checkout.resolve("mvnw"), "#!/bin/sh\necho 'maven output' \nmkdir -p cli/target\ncp '"
                + jar + "' cli/target/ipcm.jar\n");
        for (String script : new String[] {"ipcm", "mvnw"}) {
            Files.setPosixFilePermissions(checkout.resolve(script), PosixFilePermissions.fromString("rwx------"));
        }
        Process p = new ProcessBuilder("./ipcm", "--version").directory(checkout.toFile())
                .redirectOutput(checkout.resolve("out.txt").toFile())
                .redirectError(checkout.resolve("err.txt").toFile()).start();
        assertThat(p.waitFor(CliProcess.DEADLINE.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
        String out = Files.readString(checkout.resolve("out.txt"));
        String err = Files.readString(checkout.resolve("err.txt"));
        assertThat(p.exitValue()).as(out + err).isZero();
        assertThat(err.lines().findFirst()).hasValue("ipcm: building the command with Maven (first use, or a "
                + "source changed); this takes a minute or a few...");
        assertThat(err).contains("maven output");
        assertThat(out).startsWith("ipcm " + VersionProvider.projectVersion());
    }

    /**
     * A short command starts tuned to start (C1, the serial collector) and maps the class-data
     * archive the first run prepared; bench and certify keep the JVM's defaults; IPCM_JAVA_OPTS
     * and IPCM_CDS=0 win over the launcher's choices.
     */
    @Test
    void shortCommandsStartQuickFromAnArchiveTheFirstRunPrepared() throws Exception {
        Files.createDirectories(checkout.resolve("cli/target"));
        probeJar(checkout.resolve("cli/target/ipcm.jar"));
        Files.copy(ROOT.resolve("ipcm"), checkout.resolve("ipcm"));
        Files.setPosixFilePermissions(checkout.resolve("ipcm"), PosixFilePermissions.fromString("rwx------"));

        Cli.Result first = launch(Map.of(), "peers", "INFO");
        assertThat(first.code()).as(first.toString()).isZero();
        assertThat(first.err()).startsWith("ipcm: preparing a class-data archive");
        assertThat(first.out().lines()).contains("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC")
                .anyMatch(o -> o.startsWith("-XX:SharedArchiveFile=" + checkout.resolve("cli/target/cds")));
        try (var archives = Files.list(checkout.resolve("cli/target/cds"))) {
            assertThat(archives.toList()).singleElement().satisfies(a -> assertThat(Files.size(a)).isPositive());
        }

        Path classLog = checkout.resolve("classes.log");
        Cli.Result second = launch(Map.of("IPCM_JAVA_OPTS", "-Xlog:class+load=info:file=" + classLog), "peers", "INFO");
        assertThat(second.err()).as(second.toString()).isEmpty();
        assertThat(Files.readString(classLog)).contains(LauncherProbe.class.getName() + " source: shared objects file (top)");

        for (String[] longRunning : new String[][] {{"bench"}, {"--class-path", "plugin.jar", "certify"}}) {
            assertThat(launch(Map.of(), longRunning).out().lines()).as(String.join(" ", longRunning))
                    .noneMatch(o -> o.startsWith("-XX:TieredStopAtLevel") || o.equals("-XX:+UseSerialGC")
                            || o.contains("SharedArchiveFile"));
        }
        assertThat(launch(Map.of("IPCM_JAVA_OPTS", "-XX:+UseParallelGC"), "peers").out().lines())
                .contains("-XX:TieredStopAtLevel=1", "-XX:+UseParallelGC").doesNotContain("-XX:+UseSerialGC");
        assertThat(launch(Map.of("IPCM_CDS", "0"), "peers").out().lines()).noneMatch(o -> o.contains("SharedArchiveFile"));
    }

    private Cli.Result launch(Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("./ipcm"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(checkout.toFile())
                .redirectOutput(checkout.resolve("out.txt").toFile())
                .redirectError(checkout.resolve("err.txt").toFile());
        pb.environment().remove("IPCM_JAVA_OPTS");
        pb.environment().remove("IPCM_CDS");
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().putAll(env);
        Process p = pb.start();
        assertThat(p.waitFor(CliProcess.DEADLINE.toMillis(), TimeUnit.MILLISECONDS)).as("./ipcm ended").isTrue();
        return new Cli.Result(p.exitValue(), Files.readString(checkout.resolve("out.txt")),
                Files.readString(checkout.resolve("err.txt")));
    }

    /** A jar holding only {@link LauncherProbe}, as its main class. */
    private static void probeJar(Path jar) throws java.io.IOException {
        Manifest manifest = manifestRunning(LauncherProbe.class);
        String entry = LauncherProbe.class.getName().replace('.', '/') + ".class";
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest);
                var in = LauncherProbe.class.getClassLoader().getResourceAsStream(entry)) {
            out.putNextEntry(new java.util.jar.JarEntry(entry));
            in.transferTo(out);
            out.closeEntry();
        }
    }

    /** A jar whose manifest runs IpcmCli with this JVM's class path. */
    private static Path launcherJar(Path jar) throws java.io.IOException {
        Manifest manifest = manifestRunning(IpcmCli.class);
        StringBuilder cp = new StringBuilder();
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            cp.append(Path.of(entry).toAbsolutePath().toUri()).append(' ');
        }
        manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, cp.toString().trim());
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
            return jar;
        }
    }

    private static Manifest manifestRunning(Class<?> mainClass) {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, mainClass.getName());
        return manifest;
    }
}
