package dev.ipcm.bench;

import org.apiguardian.api.API;

/**
 * Everything measured for one transport (an ipcm protocol or a raw baseline) at one size.
 *
 * @param label the protocol name, or the raw transport's description
 * @param raw whether this is a raw baseline
 * @param size content bytes per message
 * @param latency the ping-pong figures, or {@code null} when it failed
 * @param throughput the stream figures, or {@code null} when it failed
 * @param failure why figures are missing, or {@code null}
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record Measurement(String label, boolean raw, int size, Latency latency, Throughput throughput, String failure) {
    static Measurement failed(String label, boolean raw, int size, String failure) {
        return new Measurement(label, raw, size, null, null, failure);
    }
}
