package dev.ipcm.serial;

import java.io.OutputStream;
import java.util.Arrays;

/**
 * A growable byte buffer that a thread reuses from one message to the next, so writing a
 * message allocates only its final copy. Not thread-safe: one per thread.
 */
final class ByteSink extends OutputStream {
    private static final int INITIAL = 512;

    private byte[] buffer = new byte[INITIAL];
    private int size;

    @Override
    public void write(int b) {
        ensure(size + 1);
        buffer[size++] = (byte) b;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
        ensure(size + length);
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
        if (buffer.length > keep) {
            buffer = new byte[INITIAL];
        }
    }

    private void ensure(int needed) {
        if (needed < 0) {
            throw new OutOfMemoryError("a serialized message cannot exceed 2 GiB");
        }
        if (needed > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(needed, (int) Math.min(Integer.MAX_VALUE - 8, 2L * buffer.length)));
        }
    }
}
