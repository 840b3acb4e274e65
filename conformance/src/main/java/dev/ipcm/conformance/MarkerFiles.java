package dev.ipcm.conformance;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Waits, with a deadline, for what a child process reports before it can answer requests: a file
 * it writes whole, or a condition only the operating system can tell (a pid that ended). Neither
 * has a wake-up to block on, so the wait re-checks every 20 ms until the deadline.
 */
final class MarkerFiles {
    private MarkerFiles() {}

    /** The text of {@code file} once it exists and is not empty; fails after {@code timeout}. */
    static String await(Path file, Duration timeout) {
        until("the file " + file.getFileName() + " written by a child process", timeout,
                () -> Files.isRegularFile(file) && read(file).length() > 0);
        return read(file);
    }

    /** The pid written in {@code file}. */
    static long pid(Path file, Duration timeout) {
        return Long.parseLong(await(file, timeout).trim());
    }

    static void until(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("Timed out after " + timeout.toSeconds() + "s waiting for " + what);
            }
            try {
                TimeUnit.MILLISECONDS.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("Interrupted waiting for " + what);
            }
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
