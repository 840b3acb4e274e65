package dev.ipcm.bench;

import org.apiguardian.api.API;

/**
 * One protocol at one size beside its raw transport.
 *
 * @param protocol the protocol's short name
 * @param size content bytes per message
 * @param ipcm the protocol's figures
 * @param raw the raw transport's figures, or {@code null} when none was measured
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record Comparison(String protocol, int size, Measurement ipcm, Measurement raw) {
    /** ipcm p50 round trip divided by raw p50; NaN when either is missing. */
    public double latencyRatio() {
        if (raw == null || ipcm.latency() == null || raw.latency() == null) {
            return Double.NaN;
        }
        return (double) ipcm.latency().p50() / raw.latency().p50();
    }

    /** ipcm messages/s divided by raw messages/s; NaN when either is missing. */
    public double throughputRatio() {
        if (raw == null || ipcm.throughput() == null || raw.throughput() == null) {
            return Double.NaN;
        }
        return ipcm.throughput().perSecond() / raw.throughput().perSecond();
    }
}
