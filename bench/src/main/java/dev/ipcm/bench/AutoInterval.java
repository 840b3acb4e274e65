package dev.ipcm.bench;

import java.util.Arrays;

/**
 * The automatic spacing of a fixed send schedule, from the round trips a warm-up took: loose
 * enough that the link keeps up, so latency measures the transport and not a backlog.
 */
final class AutoInterval {
    /** The schedule never runs tighter than this, whatever the warm-up showed. */
    static final long MIN_INTERVAL_NANOS = 50_000;

    /** The automatic schedule's spacing, in warm-up medians. */
    static final int MEDIANS_PER_INTERVAL = 4;

    private AutoInterval() {}

    /** The spacing for a link whose warm-up round trips took {@code warm} nanoseconds each. */
    static long of(long[] warm) {
        if (warm.length == 0) {
            return 5 * MIN_INTERVAL_NANOS;
        }
        long[] sorted = warm.clone();
        Arrays.sort(sorted);
        // Four medians leave the link idle three quarters of the time. At two, a fast transport
        // (a raw FIFO's ~8 us median gave a 20 us schedule) fell behind on every GC pause or
        // preemption on two cores, and its p50 then measured a backlog of tens of milliseconds,
        // not the transport.
        return Math.max(MIN_INTERVAL_NANOS, MEDIANS_PER_INTERVAL * Latency.percentile(sorted, 0.5));
    }
}
