package dev.ipcm.bench;

/**
 * One side of a measured pair: sends messages of the configured size to the other side and
 * receives what the other side sends. Implementations are used by one thread at a time.
 */
interface Link extends AutoCloseable {
    /** Sends one message of the configured size to the other side; blocks while the transport pushes back. */
    void send() throws Exception;

    /**
     * Blocks until at least one message has arrived and takes every message that is complete now.
     * Only closing the link (which a deadline does) ends the wait without a message.
     *
     * @return how many messages were taken, at least one
     */
    int receive() throws Exception;

    /** Releases the link; a receive blocked in another thread then fails. */
    @Override
    void close() throws Exception;
}
