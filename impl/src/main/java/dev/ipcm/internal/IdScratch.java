package dev.ipcm.internal;

/**
 * One thread's buffers for {@link MessageIds}: the id's bytes and text, and random bytes drawn
 * from the kernel's generator in batches ({@link KernelRandom}), so an id costs its String and
 * nothing else. Each byte is used once, so the ids stay as random as drawing per id.
 */
final class IdScratch {
    /** Random bytes one id takes (the 10 bytes after the 48-bit clock). */
    private static final int RANDOM_BYTES = 10;
    /** Ids per refill: one read of the kernel's generator serves this many ids. */
    private static final int BATCH = 400;

    final byte[] uuid = new byte[16];
    final byte[] text = new byte[36];
    private final byte[] pool = new byte[RANDOM_BYTES * BATCH];
    private int used = pool.length;

    /** Copies the next {@link #RANDOM_BYTES} unused random bytes into {@code into} at {@code offset}. */
    void take(byte[] into, int offset) {
        if (used == pool.length) {
            KernelRandom.fill(pool);
            used = 0;
        }
        System.arraycopy(pool, used, into, offset, RANDOM_BYTES);
        used += RANDOM_BYTES;
    }
}
