package dev.ipcm.bench;

import java.nio.file.Path;

/**
 * The session of a {@link PeerDirectoryTransport}: it only hands the work directory to the child,
 * and the parent opens its endpoint there by name like the child does.
 */
final class DirectorySession implements TransportSession {
    private final PeerDirectoryTransport transport;
    private final Path workDir;
    private final int size;

    DirectorySession(PeerDirectoryTransport transport, Path workDir, int size) {
        this.transport = transport;
        this.workDir = workDir;
        this.size = size;
    }

    @Override
    public String childArgument() {
        return workDir.toString();
    }

    @Override
    public Link parentLink(String name, String child) throws Exception {
        return transport.open(workDir, name, child, size);
    }

    @Override
    public void close() {
        // Endpoints are closed by their links; files go with the session's work directory.
    }
}
