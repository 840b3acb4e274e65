package dev.ipcm.serial;

import java.util.Arrays;

/**
 * How the codec's reusable buffers ({@link ByteSink}, {@link JsonByteBuffer}) grow and shrink: at
 * least doubling while a message is written, and back to a small buffer after one large message
 * so an idle thread does not hold on to it.
 */
final class BufferGrowth {
    /** The size a buffer starts at, and returns to after one large message. */
    static final int INITIAL = 512;

    private BufferGrowth() {}

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
