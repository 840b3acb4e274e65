package dev.ipcm.bench;

import org.apiguardian.api.API;

/**
 * One-way throughput: {@code messages} of {@code size} content bytes streamed by the parent, timed
 * from its first send to the child's last receive (one monotonic clock serves both JVMs).
 *
 * @param messages messages in the timed stream, after warm-up
 * @param size content bytes per message
 * @param elapsedNanos first send to last receive
 * @param warmupMessages messages streamed before the timed ones (0: not recorded)
 * @param jitMillis milliseconds both JVMs' JIT compilers worked during the timed stream (-1: unknown)
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record Throughput(int messages, int size, long elapsedNanos, int warmupMessages, long jitMillis) {
    /** A throughput whose warm-up and compilation were not recorded. */
    public Throughput(int messages, int size, long elapsedNanos) {
        this(messages, size, elapsedNanos, 0, -1);
    }

    /** Messages per second. */
    public double perSecond() {
        return messages * 1e9 / elapsedNanos;
    }

    /** Content megabytes (10^6 bytes) per second. */
    public double megabytesPerSecond() {
        return (double) messages * size * 1e3 / elapsedNanos;
    }
}
