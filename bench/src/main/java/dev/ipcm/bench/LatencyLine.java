package dev.ipcm.bench;

/**
 * How a scaling child reports its merged round trips to the parent on standard output:
 * {@code LAT <n> <p50> <p99> <p999> <max> <median interval>}, written by {@link ScalingPeerMain}
 * and read by {@link ScalingBench}.
 */
final class LatencyLine {
    /** The word that starts the line. */
    static final String WORD = "LAT";

    private LatencyLine() {}

    /** The whole line for {@code l}. */
    static String format(Latency l) {
        return WORD + " " + l.roundTrips() + " " + l.p50() + " " + l.p99() + " " + l.p999() + " " + l.max() + " "
                + l.intervalNanos();
    }

    /** The latency in what follows the word. */
    static Latency parse(String rest) {
        String[] lat = rest.split(" ");
        return new Latency(Integer.parseInt(lat[0]), Long.parseLong(lat[5]), Long.parseLong(lat[1]),
                Long.parseLong(lat[2]), Long.parseLong(lat[3]), Long.parseLong(lat[4]));
    }
}
