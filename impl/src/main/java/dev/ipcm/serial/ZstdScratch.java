package dev.ipcm.serial;

/**
 * A per-thread buffer for one of {@link ZstdJsonSerializer}'s frames, compressed or decompressed,
 * so a message costs only its final copy. Frames above {@link #KEEP_BYTES} get a buffer of their
 * own.
 */
final class ZstdScratch {
    static final int KEEP_BYTES = 64 * 1024;
    private static final ThreadLocal<byte[]> BUFFER = ThreadLocal.withInitial(() -> new byte[1024]);

    private ZstdScratch() {}

    /** A buffer of at least {@code size} bytes, this thread's own unless the frame is large. */
    static byte[] get(int size) {
        if (size > KEEP_BYTES) {
            return new byte[size];
        }
        byte[] b = BUFFER.get();
        if (b.length < size) {
            b = new byte[Math.max(size, Math.min(KEEP_BYTES, 2 * b.length))];
            BUFFER.set(b);
        }
        return b;
    }
}
