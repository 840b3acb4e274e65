package dev.ipcm.bench;

/** The round-trip measurement on one link whose far side echoes every message once. */
final class PingPong {
    /**
     * The interval that asks for no schedule: each round trip starts when the last one returned,
     * as the C limits and the Perl reference's script measure, and its latency is its own time
     * (recorded with interval 0).
     */
    static final long CLOSED_LOOP = -1;

    private PingPong() {}

    /**
     * Warms up closed-loop, then sends on a fixed schedule and records (reply − intended send),
     * or, with {@link #CLOSED_LOOP}, goes on closed-loop and records each round trip's time.
     *
     * @param intervalNanos the schedule's spacing, 0 for {@link AutoInterval the automatic rule},
     *     or {@link #CLOSED_LOOP}
     */
    static Latency measure(Link link, int warmup, int count, long intervalNanos) throws Exception {
        long[] warm = new long[warmup];
        for (int i = 0; i < warmup; i++) {
            long t = System.nanoTime();
            roundTrip(link);
            warm[i] = System.nanoTime() - t;
        }
        if (intervalNanos == CLOSED_LOOP) {
            long[] samples = new long[count];
            for (int i = 0; i < count; i++) {
                long t = System.nanoTime();
                roundTrip(link);
                samples[i] = System.nanoTime() - t;
            }
            return Latency.of(samples, 0);
        }
        long interval = intervalNanos > 0 ? intervalNanos : AutoInterval.of(warm);
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

    private static void roundTrip(Link link) throws Exception {
        link.send();
        int got = link.receive();
        if (got != 1) {
            throw new BenchException("a ping-pong round trip returned " + got + " messages; exactly 1 was in flight");
        }
    }
}
