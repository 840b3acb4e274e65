package dev.ipcm.driver;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A wait with a deadline made of short waits in the driver. Each request asks the driver to wait
 * at most {@link #SLICE} itself, so the driver, which answers one request at a time, is never
 * held longer than that by one caller.
 */
final class DriverWaits {
    /** The longest wait one request asks of the driver. */
    static final Duration SLICE = Duration.ofMillis(50);

    private DriverWaits() {}

    /**
     * Asks {@code attempt} with the seconds the driver may wait, until {@code done} accepts the
     * answer or the deadline has passed; returns the last answer.
     */
    static <T> T until(Duration timeout, Function<BigDecimal, T> attempt, Predicate<T> done) {
        long deadline = System.nanoTime() + Math.max(0, timeout.toNanos());
        while (true) {
            long left = deadline - System.nanoTime();
            long slice = Math.max(0, Math.min(left, SLICE.toNanos()));
            T answer = attempt.apply(BigDecimal.valueOf(slice, 9));
            if (done.test(answer) || deadline - System.nanoTime() <= 0) {
                return answer;
            }
            if (Thread.currentThread().isInterrupted()) {
                return answer;
            }
        }
    }
}
