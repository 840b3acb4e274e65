package dev.ipcm.bench;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Raw baseline for MessageFiles and JSONFile: write a temporary file into the receiver's
 * directory, rename it to its final name; the receiver wakes on the directory watch, lists,
 * reads and deletes.
 */
final class RawRename extends PeerDirectoryTransport {
    static final String SPEC = "raw:rename";

    RawRename() {
        super("raw rename into watched dir", SPEC);
    }

    @Override
    Link open(Path dir, String name, String peer, int size) throws IOException {
        return new RenameLink(dir, name, peer, size);
    }
}
