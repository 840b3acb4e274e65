package dev.ipcm.bench;

/** The round-trip measurement on one link whose far side echoes every message once. */
final class PingPong {
    private PingPong() {}

    /**
     * Warms up closed-loop, then sends on a fixed schedule and records (reply − intended send).
     *
     * @param intervalNanos the schedule's spacing, or 0 for {@link AutoInterval the automatic rule}
     */
    static Latency measure(Link link, int warmup, int count, long intervalNanos) throws Exception {
        long[] warm = new long[warmup];
        for (int i = 0; i < warmup; i++) {
            long t = System.nanoTime();
            roundTrip(link);
            warm[i] = System.nanoTime() - t;
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
