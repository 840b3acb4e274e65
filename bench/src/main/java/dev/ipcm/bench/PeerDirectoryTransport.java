package dev.ipcm.bench;

import java.nio.file.Path;

/**
 * A raw baseline whose two sides meet in the session's work directory, each opening its own
 * endpoint there by name (a datagram socket, a FIFO, an inbox directory): the session only hands
 * the directory to the child.
 */
abstract class PeerDirectoryTransport implements Transport {
    private final String label;
    private final String spec;

    PeerDirectoryTransport(String label, String spec) {
        this.label = label;
        this.spec = spec;
    }

    /** Opens {@code name}'s endpoint in {@code dir}, with {@code peer} as the other side. */
    abstract Link open(Path dir, String name, String peer, int size) throws Exception;

    @Override
    public final String label() {
        return label;
    }

    @Override
    public final boolean isRaw() {
        return true;
    }

    @Override
    public final String spec() {
        return spec;
    }

    @Override
    public final TransportSession start(Path workDir, int size) {
        return new DirectorySession(this, workDir, size);
    }

    @Override
    public final Link childLink(String argument, String name, String peer, int size) throws Exception {
        return open(Path.of(argument), name, peer, size);
    }
}
