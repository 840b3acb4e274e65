package dev.ipcm.bench;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;

/**
 * Reads length-prefixed frames (4-byte big-endian length, then the bytes) from a byte stream: the
 * plainest framing a stream socket or a FIFO needs, used by the raw baselines. {@link FrameWriter}
 * writes them.
 */
final class FrameReader {
    private final ReadableByteChannel in;
    private ByteBuffer buffer = ByteBuffer.allocate(1 << 17);

    FrameReader(ReadableByteChannel in) {
        this.in = in;
    }

    /** Blocks until at least one whole frame is buffered, then consumes every whole frame. */
    int readFrames() throws IOException {
        while (true) {
            int frames = consumeWholeFrames();
            if (frames > 0) {
                return frames;
            }
            if (!buffer.hasRemaining()) {
                ByteBuffer bigger = ByteBuffer.allocate(buffer.capacity() * 2);
                buffer.flip();
                bigger.put(buffer);
                buffer = bigger;
            }
            if (in.read(buffer) < 0) {
                throw new EOFException("the other side closed the stream");
            }
        }
    }

    private int consumeWholeFrames() {
        buffer.flip();
        int frames = 0;
        while (buffer.remaining() >= 4) {
            int length = buffer.getInt(buffer.position());
            if (buffer.remaining() < 4 + length) {
                break;
            }
            buffer.position(buffer.position() + 4 + length);
            frames++;
        }
        buffer.compact();
        return frames;
    }
}
