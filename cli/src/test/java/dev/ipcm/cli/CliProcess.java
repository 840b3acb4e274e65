package dev.ipcm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ipcm.internal.ChildJvm;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** {@code ipcm} running in a child JVM of its own, through {@link IpcmCli#main}, as the launcher runs it. */
final class CliProcess {
    static final Duration DEADLINE = Duration.ofSeconds(90);
    private static final String EOF = "\u0000EOF";

    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final StringBuilder out = new StringBuilder();
    private final CompletableFuture<String> err;

    private CliProcess(Process process) {
        this.process = process;
        Thread reader = new Thread(() -> pump(process.getInputStream()), "cli-stdout-" + process.pid());
        reader.setDaemon(true);
        reader.start();
        // A thread of its own: a shared pool may have a single worker, held by another process's reader.
        this.err = Background.supply(() -> readAll(process.getErrorStream()));
    }

    static CliProcess start(String... args) {
        return startIn(null, args);
    }

    /** Starts in a working directory ({@code null}: this JVM's). */
    static CliProcess startIn(java.nio.file.Path dir, String... args) {
        ChildJvm jvm = tunedAsTheLauncher(ChildJvm.of(IpcmCli.class), commandWord(args)).args(args);
        NativeAccess.jvmOptions().forEach(jvm::jvmOption);
        ProcessBuilder pb = new ProcessBuilder(jvm.command());
        if (dir != null) {
            pb.directory(dir.toFile());
        }
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        try {
            return new CliProcess(pb.start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The JVM tuning {@code ./ipcm} gives {@code command} (docs/cli.md, "Start-up"): C1 and the
     * serial collector for all but bench and certify. Its class-data archive cannot be had here:
     * the JDK archives classes from jars only, and a test's class path holds directories.
     */
    static ChildJvm tunedAsTheLauncher(ChildJvm jvm, String command) {
        return command.equals("bench") || command.equals("certify") ? jvm : jvm.quickStart();
    }

    /** The command's word as {@code ./ipcm} finds it: the first argument that is no option, past {@code --class-path VALUE}. */
    static String commandWord(String... args) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--class-path")) {
                i++;
            } else if (!args[i].startsWith("-")) {
                return args[i];
            }
        }
        return "";
    }

    /** Runs a command to its end. */
    static Cli.Result run(String... args) {
        return start(args).await();
    }

    /** Ends the process if it still runs, and waits for it, with a deadline. */
    void kill() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly().waitFor(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** The next line of standard output, waiting for it with a deadline. */
    String nextLine() {
        try {
            String line = lines.poll(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(line).as("a line of output within %s", DEADLINE).isNotNull().isNotEqualTo(EOF);
            return line;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Waits for the exit, with a deadline, and returns everything printed. */
    Cli.Result await() {
        try {
            if (!process.waitFor(DEADLINE.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("ipcm did not exit within " + DEADLINE);
            }
            String e = err.get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
            StringBuilder rest = new StringBuilder();
            while (true) {
                String line = lines.poll(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
                if (line == null || line.equals(EOF)) {
                    break;
                }
                rest.append(line).append('\n');
            }
            return new Cli.Result(process.exitValue(), rest.toString(), e);
        } catch (Exception ex) {
            throw new AssertionError(ex);
        }
    }

    private void pump(InputStream in) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                lines.add(line);
            }
        } catch (IOException ignored) {
            // The process ended; what was read is all there is.
        } finally {
            lines.add(EOF);
        }
    }

    private static String readAll(InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
