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
    private static final ThreadLocal<IdScratch> SCRATCH = ThreadLocal.withInitial(IdScratch::new);

    private MessageIds() {}

    /** A fresh upper-case UUIDv7 string. */
    public static String next() {
        IdScratch s = SCRATCH.get();
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
}
