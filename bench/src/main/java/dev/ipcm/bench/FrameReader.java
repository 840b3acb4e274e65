package dev.ipcm.bench;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;

/**
 * Length-prefixed frames (4-byte big-endian length, then the bytes) over a byte stream: the
 * plainest framing a stream socket or a FIFO needs, used by the raw baselines.
 */
final class FrameReader {
    private final ReadableByteChannel in;
    private ByteBuffer buffer = ByteBuffer.allocate(1 << 17);

    FrameReader(ReadableByteChannel in) {
        this.in = in;
    }

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
