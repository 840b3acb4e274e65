package dev.ipcm.cli;

import dev.ipcm.internal.ChildJvm;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A POSIX shell in a directory holding an {@code ./ipcm} that runs this build's command in a JVM of
 * its own, so that a test runs shell lines exactly as a user types them.
 */
final class Shell {
    private final Path dir;

    /**
     * @param dir where {@code ./ipcm} is written and the script runs
     * @param serviceStartDelay seconds {@code ./ipcm echo} waits before its JVM starts, as a slow
     *     machine would make it wait
     */
    Shell(Path dir, int serviceStartDelay) throws IOException {
        this.dir = dir;
        List<String> java = ChildJvm.of(IpcmCli.class).command();
        String launcher = "#!/bin/sh\n"
                + "if [ \"$1\" = echo ]; then sleep " + serviceStartDelay + "; fi\n"
                + "exec " + java.stream().map(Shell::quote).collect(Collectors.joining(" ")) + " \"$@\"\n";
        Path ipcm = dir.resolve("ipcm");
        Files.writeString(ipcm, launcher);
        Files.setPosixFilePermissions(ipcm, PosixFilePermissions.fromString("rwx------"));
    }

    /** Runs {@code script} with {@code sh -e}, waiting for it and its background jobs up to the deadline. */
    Cli.Result run(String script) throws IOException, InterruptedException {
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        Process p = new ProcessBuilder("sh", "-ec", script).directory(dir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        if (!p.waitFor(CliProcess.DEADLINE.toMillis(), TimeUnit.MILLISECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            throw new AssertionError("the script did not end within " + CliProcess.DEADLINE + ":\n" + script);
        }
        return new Cli.Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    private static String quote(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
