package dev.ipcm.bench;

/**
 * The parent's view of one set-up pair of a {@link Transport}: what the child needs to find it, the
 * parent's links, and the clean-up.
 */
interface TransportSession extends AutoCloseable {
    /** What the child needs to find the session (an info string, a path, a URL). */
    String childArgument();

    /**
     * The parent's link to the child named {@code child}; called after the child said it is
     * ready.
     */
    Link parentLink(String name, String child) throws Exception;

    /** Connects an idle client that only sits on the store (scaling by peers); empty when not meaningful. */
    default AutoCloseable idlePeer(String name) throws Exception {
        return () -> { };
    }

    /** Removes what {@link Transport#start} created. */
    @Override
    void close() throws Exception;
}
