package dev.ipcm.internal;

import java.nio.charset.StandardCharsets;
import org.apiguardian.api.API;

/**
 * Generates message ids as upper-case version-7 UUIDs, as IPC::Manager does.
 *
 * <p>Version 7 puts the millisecond clock first, so ids sort roughly by creation time;
 * they are used as file names (MessageFiles) and as UUID primary keys (PostgreSQL, MariaDB).
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class MessageIds {
    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
    /** Random bytes one id takes (the 10 bytes after the 48-bit clock). */
    private static final int RANDOM_BYTES = 10;
    /** Ids per refill: one read of the kernel's generator serves this many ids. */
    private static final int BATCH = 400;
    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    private MessageIds() {}

    /** A fresh upper-case UUIDv7 string. */
    public static String next() {
        Scratch s = SCRATCH.get();
        byte[] b = s.uuid;
        long millis = System.currentTimeMillis();
        for (int i = 0; i < 6; i++) {
            b[i] = (byte) (millis >>> (40 - 8 * i));
        }
        s.take(b, 6);
        b[6] = (byte) ((b[6] & 0x0F) | 0x70);
        b[8] = (byte) ((b[8] & 0x3F) | 0x80);
        byte[] out = s.text;
        int o = 0;
        for (int i = 0; i < 16; i++) {
            if (i == 4 || i == 6 || i == 8 || i == 10) {
                out[o++] = '-';
            }
            out[o++] = HEX[(b[i] >> 4) & 0xF];
            out[o++] = HEX[b[i] & 0xF];
        }
        return new String(out, 0, 36, StandardCharsets.ISO_8859_1);
    }

    /**
     * One thread's buffers: the id's bytes and text, and random bytes drawn from the kernel's
     * generator in batches ({@link KernelRandom}), so an id costs its String and nothing else.
     * Each byte is used once, so the ids stay as random as drawing per id.
     */
    private static final class Scratch {
        final byte[] uuid = new byte[16];
        final byte[] text = new byte[36];
        private final byte[] pool = new byte[RANDOM_BYTES * BATCH];
        private int used = pool.length;

        void take(byte[] into, int offset) {
            if (used == pool.length) {
                KernelRandom.fill(pool);
                used = 0;
            }
            System.arraycopy(pool, used, into, offset, RANDOM_BYTES);
            used += RANDOM_BYTES;
        }
    }
}
