package dev.ipcm.bench;

import org.apiguardian.api.API;

/**
 * One protocol at one size beside its raw transport, and, when they were measured, the Perl
 * reference on the same store and the C limit of the transport underneath.
 *
 * @param protocol the protocol's short name
 * @param size content bytes per message
 * @param ipcm the protocol's figures
 * @param raw the raw transport's figures, or {@code null} when none was measured
 * @param reference the Perl reference's figures, or {@code null} when it was not asked for
 * @param limit the C limit's figures, or {@code null} when it was not asked for
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record Comparison(String protocol, int size, Measurement ipcm, Measurement raw, Measurement reference,
        Measurement limit) {
    /** A protocol beside its raw transport only. */
    public Comparison(String protocol, int size, Measurement ipcm, Measurement raw) {
        this(protocol, size, ipcm, raw, null, null);
    }

    /** ipcm p50 round trip divided by raw p50; NaN when either is missing. */
    public double latencyRatio() {
        return latencyRatio(raw);
    }

    /** ipcm messages/s divided by raw messages/s; NaN when either is missing. */
    public double throughputRatio() {
        return throughputRatio(raw);
    }

    /** ipcm p50 round trip divided by {@code other}'s p50 (below 1: ipcm is faster); NaN when either is missing. */
    public double latencyRatio(Measurement other) {
        if (other == null || ipcm.latency() == null || other.latency() == null) {
            return Double.NaN;
        }
        return (double) ipcm.latency().p50() / other.latency().p50();
    }

    /** ipcm messages/s divided by {@code other}'s (above 1: ipcm is faster); NaN when either is missing. */
    public double throughputRatio(Measurement other) {
        if (other == null || ipcm.throughput() == null || other.throughput() == null) {
            return Double.NaN;
        }
        return ipcm.throughput().perSecond() / other.throughput().perSecond();
    }
}
