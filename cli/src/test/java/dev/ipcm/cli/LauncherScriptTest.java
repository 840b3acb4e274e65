package dev.ipcm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
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

    /** A jar whose manifest runs IpcmCli with this JVM's class path. */
    private static Path launcherJar(Path jar) throws java.io.IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, IpcmCli.class.getName());
        StringBuilder cp = new StringBuilder();
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            cp.append(Path.of(entry).toAbsolutePath().toUri()).append(' ');
        }
        manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, cp.toString().trim());
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
            return jar;
        }
    }
}
