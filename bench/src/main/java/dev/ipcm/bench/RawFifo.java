package dev.ipcm.bench;

import dev.ipcm.os.Os;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Raw baseline for AtomicPipe: one FIFO per side, length-prefixed frames, each frame written by
 * one writer. Each side opens its own FIFO read-write so the open never waits for a writer.
 */
final class RawFifo extends PeerDirectoryTransport {
    static final String SPEC = "raw:fifo";

    RawFifo() {
        super("raw FIFO", SPEC);
    }

    @Override
    Link open(Path dir, String name, String peer, int size) throws Exception {
        Path own = dir.resolve(name + ".fifo");
        Path other = dir.resolve(peer + ".fifo");
        for (Path p : new Path[] {own, other}) {
            if (!p.toFile().exists()) {
                try {
                    Os.get().mkfifo(p, 0600);
                } catch (RuntimeException e) {
                    if (!p.toFile().exists()) {
                        throw e; // lost no race: a real failure
                    }
                }
            }
        }
        // FileChannel, not a stream: closing it from another thread wakes a blocked read.
        FileChannel in = FileChannel.open(own, StandardOpenOption.READ, StandardOpenOption.WRITE);
        FileChannel out = FileChannel.open(other, StandardOpenOption.READ, StandardOpenOption.WRITE);
        return new FramedLink(in, out, size);
    }
}
