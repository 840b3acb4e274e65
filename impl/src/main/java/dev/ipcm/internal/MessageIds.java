package dev.ipcm.internal;

import java.security.SecureRandom;
import org.apiguardian.api.API;

/**
 * Generates message ids as upper-case version-7 UUIDs, as IPC::Manager does.
 *
 * <p>Version 7 puts the millisecond clock first, so ids sort roughly by creation time;
 * they are used as file names (MessageFiles) and as UUID primary keys (PostgreSQL, MariaDB).
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class MessageIds {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private MessageIds() {}

    /** A fresh upper-case UUIDv7 string. */
    public static String next() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        long millis = System.currentTimeMillis();
        for (int i = 0; i < 6; i++) {
            b[i] = (byte) (millis >>> (40 - 8 * i));
        }
        b[6] = (byte) ((b[6] & 0x0F) | 0x70);
        b[8] = (byte) ((b[8] & 0x3F) | 0x80);
        char[] out = new char[36];
        int o = 0;
        for (int i = 0; i < 16; i++) {
            if (i == 4 || i == 6 || i == 8 || i == 10) {
                out[o++] = '-';
            }
            out[o++] = HEX[(b[i] >> 4) & 0xF];
            out[o++] = HEX[b[i] & 0xF];
        }
        return new String(out);
    }
}
