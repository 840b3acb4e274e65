package dev.ipcm.serial;

import java.io.OutputStream;
import java.util.Arrays;

/**
 * A growable byte buffer that a thread reuses from one message to the next, so writing a
 * message allocates only its final copy. Not thread-safe: one per thread. Its growth rules
 * also serve {@link JsonByteBuffer}.
 */
final class ByteSink extends OutputStream {
    /** The size a buffer starts at, and returns to after one large message. */
    static final int INITIAL = 512;

    private byte[] buffer = new byte[INITIAL];
    private int size;

    @Override
    public void write(int b) {
        ensure(1);
        buffer[size++] = (byte) b;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
        ensure(length);
        System.arraycopy(bytes, offset, buffer, size, length);
        size += length;
    }

    /** The buffer; its first {@link #size()} bytes are what was written. */
    byte[] buffer() {
        return buffer;
    }

    /** How many bytes were written since the last reset. */
    int size() {
        return size;
    }

    /**
     * Empties the sink; a buffer that grew past {@code keep} bytes for one large message is
     * dropped so an idle thread does not hold on to it.
     */
    void reset(int keep) {
        size = 0;
        buffer = kept(buffer, keep);
    }

    private void ensure(int more) {
        long needed = (long) size + more;
        if (needed > buffer.length) {
            buffer = withRoom(buffer, needed);
        }
    }

    /** {@code buffer}, or a fresh small one in its place when it is larger than {@code keep}. */
    static byte[] kept(byte[] buffer, int keep) {
        return buffer.length > keep ? new byte[INITIAL] : buffer;
    }

    /** {@code buffer}, or a copy at least twice as large when it is shorter than {@code needed}. */
    static byte[] withRoom(byte[] buffer, long needed) {
        if (needed > Integer.MAX_VALUE - 8) {
            throw new OutOfMemoryError("a serialized message cannot exceed 2 GiB");
        }
        if (needed <= buffer.length) {
            return buffer;
        }
        return Arrays.copyOf(buffer, (int) Math.max(needed, Math.min(Integer.MAX_VALUE - 8, 2L * buffer.length)));
    }
}
