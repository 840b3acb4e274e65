package dev.ipcm.serial;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Finds where a run of plain text ends in bytes, eight bytes at a time: printable ASCII other
 * than a quote or a backslash, the bytes a JSON string holds as they are. The codec copies such
 * a run in one go, which is what makes long strings cheap to read and to write.
 */
final class AsciiRuns {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    private static final long QUOTES = 0x2222222222222222L;
    private static final long BACKSLASHES = 0x5C5C5C5C5C5C5C5CL;
    private static final long QUESTION_MARKS = 0x3F3F3F3F3F3F3F3FL;
    private static final long SPACES = 0x2020202020202020L;

    private AsciiRuns() {}

    /** The first index from {@code i} of a quote, a backslash, a control character or a non-ASCII byte, else {@code end}. */
    static int plainEnd(byte[] b, int i, int end) {
        while (i + 8 <= end && (special((long) LONGS.get(b, i)) & HIGHS) == 0) {
            i += 8;
        }
        for (; i < end; i++) {
            int c = b[i];
            if (c == '"' || c == '\\' || c < 0x20) {
                // a negative byte (0x80 and up) is below 0x20 too
                return i;
            }
        }
        return end;
    }

    /**
     * As {@link #plainEnd}, and stopping at a {@code ?} too: in the Latin-1 bytes of a string, that
     * is also what a character above U+00FF became.
     */
    static int plainEndOrQuestionMark(byte[] b, int i, int end) {
        while (i + 8 <= end) {
            long w = (long) LONGS.get(b, i);
            long m = w ^ QUESTION_MARKS;
            if (((special(w) | ((m - ONES) & ~m)) & HIGHS) != 0) {
                break;
            }
            i += 8;
        }
        for (; i < end; i++) {
            int c = b[i];
            if (c < 0x20 || c == '"' || c == '\\' || c == '?') {
                return i;
            }
        }
        return end;
    }

    /**
     * A word whose high bit is set in some byte when one of its bytes is a quote or a backslash
     * (a zero byte after the XOR), below 0x20 (a borrow) or at 0x80 and above.
     */
    private static long special(long w) {
        long q = w ^ QUOTES;
        long s = w ^ BACKSLASHES;
        return ((q - ONES) & ~q) | ((s - ONES) & ~s) | (w - SPACES) | w;
    }
}
