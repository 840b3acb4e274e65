package dev.ipcm.serial;

import java.io.OutputStream;

/**
 * A growable byte buffer that a thread reuses from one message to the next, so writing a
 * message allocates only its final copy. Not thread-safe: one per thread. It grows by
 * {@link BufferGrowth}'s rules.
 */
final class ByteSink extends OutputStream {
    private byte[] buffer = new byte[BufferGrowth.INITIAL];
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
        buffer = BufferGrowth.kept(buffer, keep);
    }

    private void ensure(int more) {
        long needed = (long) size + more;
        if (needed > buffer.length) {
            buffer = BufferGrowth.withRoom(buffer, needed);
        }
    }
}
