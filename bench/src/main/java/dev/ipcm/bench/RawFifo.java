package dev.ipcm.bench;

import dev.ipcm.os.Os;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Raw baseline for AtomicPipe: one FIFO per side, length-prefixed frames, each frame written by
 * one writer. Each side opens its own FIFO read-write so the open never waits for a writer.
 */
final class RawFifo implements Transport {
    static final String SPEC = "raw:fifo";

    @Override
    public String label() {
        return "raw FIFO";
    }

    @Override
    public boolean isRaw() {
        return true;
    }

    @Override
    public String spec() {
        return SPEC;
    }

    @Override
    public Session start(Path workDir, int size) {
        return new Session() {
            @Override
            public String childArgument() {
                return workDir.toString();
            }

            @Override
            public Link parentLink(String name, String child) throws Exception {
                return open(workDir, name, child, size);
            }

            @Override
            public void close() {
                // The FIFOs go with the session's work dir.
            }
        };
    }

    @Override
    public Link childLink(String argument, String name, String peer, int size) throws Exception {
        return open(Path.of(argument), name, peer, size);
    }

    private static Link open(Path dir, String name, String peer, int size) throws Exception {
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
        ByteBuffer frame = FrameReader.frame(Payloads.bytes(size));
        FrameReader reader = new FrameReader(in);
        return new Link() {
            @Override
            public void send() throws Exception {
                FrameReader.write(out, frame);
            }

            @Override
            public int receive() throws Exception {
                return reader.readFrames();
            }

            @Override
            public void close() throws Exception {
                in.close();
                out.close();
            }
        };
    }
}
