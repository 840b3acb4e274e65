package dev.ipcm.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;

/**
 * Writes the length-prefixed frames {@link FrameReader} reads: the raw baselines build one frame per
 * run and write it again and again.
 */
final class FrameWriter {
    private FrameWriter() {}

    /** The frame for {@code payload}, ready to be written again and again. */
    static ByteBuffer frame(byte[] payload) {
        ByteBuffer b = ByteBuffer.allocateDirect(4 + payload.length);
        b.putInt(payload.length).put(payload).flip();
        return b;
    }

    /** Writes the whole frame; the buffer's position is restored for the next write. */
    static void write(WritableByteChannel out, ByteBuffer frame) throws IOException {
        ByteBuffer b = frame.duplicate();
        while (b.hasRemaining()) {
            out.write(b);
        }
    }
}
