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
    private final String marker;

    /**
     * @param dir where {@code ./ipcm} is written and the script runs
     * @param serviceStartDelay seconds {@code ./ipcm echo} waits before its JVM starts, as a slow
     *     machine would make it wait
     */
    Shell(Path dir, int serviceStartDelay) throws IOException {
        this.dir = dir;
        // Every JVM the script starts carries this, so that none can outlive the test unnoticed.
        this.marker = "-Dipcm.test.shell=" + dir;
        String launcher = "#!/bin/sh\n"
                // The command's word as the real launcher finds it: past options and --class-path's value.
                + "word=; skip=\n"
                + "for a in \"$@\"; do\n"
                + "    if [ -n \"$skip\" ]; then skip=; continue; fi\n"
                + "    case \"$a\" in --class-path) skip=1 ;; -*) ;; *) word=$a; break ;; esac\n"
                + "done\n"
                + "if [ \"$word\" = echo ]; then sleep " + serviceStartDelay + "; fi\n"
                + "case \"$word\" in\n"
                + "    bench|certify) exec " + javaCommand("bench") + " \"$@\" ;;\n"
                + "    *) exec " + javaCommand("") + " \"$@\" ;;\n"
                + "esac\n";
        Path ipcm = dir.resolve("ipcm");
        Files.writeString(ipcm, launcher);
        Files.setPosixFilePermissions(ipcm, PosixFilePermissions.fromString("rwx------"));
    }

    /** The quoted java command line that runs {@code ipcm COMMAND ...}, marked and tuned as the launcher tunes it. */
    private String javaCommand(String command) {
        List<String> java = new java.util.ArrayList<>(CliProcess.tunedAsTheLauncher(ChildJvm.of(IpcmCli.class), command).command());
        java.add(1, marker);
        return java.stream().map(Shell::quote).collect(Collectors.joining(" "));
    }

    /** Runs {@code script} with {@code sh -e}, waiting for it and its background jobs up to the deadline. */
    Cli.Result run(String script) throws IOException, InterruptedException {
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        Process p = new ProcessBuilder("sh", "-ec", script).directory(dir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        if (!p.waitFor(CliProcess.DEADLINE.toMillis(), TimeUnit.MILLISECONDS)) {
            endLeftovers();
            p.destroyForcibly();
            throw new AssertionError("the script did not end within " + CliProcess.DEADLINE + ":\n" + script);
        }
        endLeftovers();
        return new Cli.Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    /**
     * Ends what the script left running: a failing line ends the script ({@code sh -e}) before
     * the destroy that would have ended an {@code ipcm echo} in the background.
     */
    private void endLeftovers() {
        ProcessHandle.allProcesses()
                .filter(ph -> ph.info().commandLine().map(c -> c.contains(marker)).orElse(false))
                .forEach(ph -> {
                    ph.destroyForcibly();
                    ph.onExit().orTimeout(CliProcess.DEADLINE.toMillis(), TimeUnit.MILLISECONDS).join();
                });
    }

    private static String quote(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
