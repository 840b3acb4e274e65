package dev.ipcm.bench;

import java.util.Arrays;

/** The round-trip measurement on one link whose far side echoes every message once. */
final class PingPong {
    /** The schedule never runs tighter than this, whatever the warm-up showed. */
    static final long MIN_INTERVAL_NANOS = 50_000;

    /** The automatic schedule's spacing, in warm-up medians. */
    static final int MEDIANS_PER_INTERVAL = 4;

    private PingPong() {}

    /**
     * Warms up closed-loop, then sends on a fixed schedule and records (reply − intended send).
     *
     * @param intervalNanos the schedule's spacing, or 0 for {@link #autoInterval the automatic rule}
     */
    static Latency measure(Link link, int warmup, int count, long intervalNanos) throws Exception {
        long[] warm = new long[warmup];
        for (int i = 0; i < warmup; i++) {
            long t = System.nanoTime();
            roundTrip(link);
            warm[i] = System.nanoTime() - t;
        }
        long interval = intervalNanos > 0 ? intervalNanos : autoInterval(warm);
        long[] samples = new long[count];
        long start = System.nanoTime() + interval;
        for (int i = 0; i < count; i++) {
            long intended = start + i * interval;
            Pacer.waitUntil(intended);
            roundTrip(link);
            samples[i] = System.nanoTime() - intended;
        }
        return Latency.of(samples, interval);
    }

    static long autoInterval(long[] warm) {
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

    private static void roundTrip(Link link) throws Exception {
        link.send();
        int got = link.receive();
        if (got != 1) {
            throw new BenchException("a ping-pong round trip returned " + got + " messages; exactly 1 was in flight");
        }
    }
}
