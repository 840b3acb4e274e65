package dev.ipcm.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Runs one program outside the JVM (the Perl reference's bench script, the C limits) to its end
 * within a deadline and returns the one line of its output that holds the figures.
 */
final class ExternalCommand {
    private ExternalCommand() {}

    /**
     * Runs {@code command} in {@code dir} and returns its first output line that {@code figures}
     * accepts.
     *
     * @throws BenchException as {@link #run} does, or when it prints no such line
     */
    static String figuresLine(List<String> command, Map<String, String> env, Path dir, long timeoutNanos,
            Predicate<String> figures) {
        return run(command, env, dir, timeoutNanos).stream().filter(figures).findFirst().orElseThrow(() -> new BenchException(
                String.join(" ", command) + " printed no figures"));
    }

    /**
     * Runs {@code command} in {@code dir}, with {@code env} added to its environment, to its end
     * and returns its output lines (standard error included).
     *
     * @throws BenchException when it cannot start, outlives {@code timeoutNanos} (it and its
     *     children are killed) or fails; the message holds its output's end
     */
    static List<String> run(List<String> command, Map<String, String> env, Path dir, long timeoutNanos) {
        Path out = null;
        try {
            out = Files.createTempFile(dir, "external-", ".out");
            ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(out.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE);
            pb.environment().putAll(env);
            Process p = pb.start();
            p.getOutputStream().close();
            if (!p.waitFor(timeoutNanos, TimeUnit.NANOSECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly().waitFor();
                throw new BenchException(String.join(" ", command) + " did not finish within " + timeoutNanos / 1_000_000_000
                        + " s (raise --session-timeout, or lower the counts): " + tail(out));
            }
            if (p.exitValue() != 0) {
                throw new BenchException(String.join(" ", command) + " exited with " + p.exitValue() + ": " + tail(out));
            }
            return Files.readAllLines(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new BenchException("could not run " + command.get(0) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchException("interrupted while " + command.get(0) + " ran", e);
        } finally {
            if (out != null) {
                try {
                    Files.deleteIfExists(out);
                } catch (IOException ignored) {
                    // A left-over scratch file in the run's own directory is removed with it.
                }
            }
        }
    }

    /** The last few hundred characters of the output, on one line, for a failure message. */
    private static String tail(Path out) {
        try {
            String all = Files.readString(out, StandardCharsets.UTF_8).strip().replace('\n', ' ');
            return all.isEmpty() ? "(no output)" : all.substring(Math.max(0, all.length() - 400));
        } catch (IOException e) {
            return "(output unreadable: " + e.getMessage() + ")";
        }
    }
}
