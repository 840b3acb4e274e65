package dev.ipcm.bench;

import java.util.Arrays;

/** The round-trip measurement on one link whose far side echoes every message once. */
final class PingPong {
    /** The schedule never runs tighter than this, whatever the warm-up showed. */
    static final long MIN_INTERVAL_NANOS = 20_000;

    private PingPong() {}

    /**
     * Warms up closed-loop, then sends on a fixed schedule and records (reply − intended send).
     *
     * @param intervalNanos the schedule's spacing, or 0 for twice the warm-up median
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
        // Twice the median leaves the far side idle half the time, so the schedule measures
        // latency, not a queue that grows without end.
        return Math.max(MIN_INTERVAL_NANOS, 2 * Latency.percentile(sorted, 0.5));
    }

    private static void roundTrip(Link link) throws Exception {
        link.send();
        int got = link.receive();
        if (got != 1) {
            throw new BenchException("a ping-pong round trip returned " + got + " messages; exactly 1 was in flight");
        }
    }
}
