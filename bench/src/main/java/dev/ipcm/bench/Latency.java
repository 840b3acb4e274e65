package dev.ipcm.bench;

import java.util.Arrays;
import org.apiguardian.api.API;

/**
 * Round-trip latency of one transport and size, measured against a fixed intended schedule: each
 * sample is (reply received − intended send time), so a stall that delays later sends is counted
 * in every sample it delays (no coordinated omission).
 *
 * @param roundTrips measured round trips, after warm-up
 * @param intervalNanos the intended schedule's spacing between sends
 * @param p50 median in nanoseconds
 * @param p99 99th percentile in nanoseconds
 * @param p999 99.9th percentile in nanoseconds
 * @param max the largest sample in nanoseconds
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record Latency(int roundTrips, long intervalNanos, long p50, long p99, long p999, long max) {

    /** Figures from raw samples (sorted in place). */
    static Latency of(long[] samples, long intervalNanos) {
        if (samples.length == 0) {
            throw new IllegalArgumentException("latency needs at least one sample, got none");
        }
        Arrays.sort(samples);
        return new Latency(samples.length, intervalNanos, percentile(samples, 0.50), percentile(samples, 0.99),
                percentile(samples, 0.999), samples[samples.length - 1]);
    }

    /** The nearest-rank percentile of sorted samples. */
    static long percentile(long[] sorted, double q) {
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
