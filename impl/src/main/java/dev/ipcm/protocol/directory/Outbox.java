package dev.ipcm.protocol.directory;

import org.apiguardian.api.API;

/**
 * A client's cached way to one peer (a FIFO's write end, a connected socket, a connection) with
 * the messages still queued for it by non-blocking sends.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public interface Outbox extends AutoCloseable {
    /** Messages not completely written yet. */
    int queued();

    /** Releases the descriptor; what is still queued is lost. */
    @Override
    void close();
}
