package dev.ipcm.bench;

import org.apiguardian.api.API;

/**
 * Queries idle receivers sent to a polled database store while nothing was sent to them.
 *
 * @param protocol {@code MariaDB} or {@code MySQL}
 * @param receivers idle receivers, each waiting in {@code awaitMessages}
 * @param windowNanos length of the quiet window
 * @param queries statements the server received from them in the window
 * @param failure why it was not measured, or null
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record IdleFigures(String protocol, int receivers, long windowNanos, long queries, String failure) {
    /** Queries per receiver per second. */
    public double perReceiverPerSecond() {
        return queries * 1e9 / windowNanos / receivers;
    }
}
