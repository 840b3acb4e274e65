package dev.ipcm.serial;

import java.nio.charset.StandardCharsets;

/**
 * The bytes of one JSON text being written, ASCII only: strings escaped as {@code Json}'s
 * character escapes have Jackson do it ({@code \"}, {@code \\}, {@code \b \f \n \r \t}, every
 * other control character and everything above U+007F as a lower-case {@code \\uxxxx} of each
 * UTF-16 unit; DEL and {@code /} stay raw), numbers as Jackson's number output writes them.
 *
 * <p>{@link EnvelopeBytesWriter} extends it; a thread reuses one. Not thread-safe.
 */
class JsonByteBuffer {
    /** Strings from this length are copied in runs (at the cost of one Latin-1 copy) rather than a character at a time. */
    private static final int BULK = 512;
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    /** Per ASCII character: 0 written as it is, -1 written as {@code \\u00xx}, else the letter after a backslash. */
    private static final byte[] ESCAPES = escapes();
    static final byte[] NULL = ascii("null");

    private byte[] buf = new byte[BufferGrowth.INITIAL];
    private int pos;

    /** The buffer; its first {@link #size()} bytes are what was written. */
    final byte[] buffer() {
        return buf;
    }

    final int size() {
        return pos;
    }

    /** Empties the buffer for the next text. */
    final void clear() {
        pos = 0;
    }

    /** Empties the buffer, dropping it when one large message grew it past {@code keep} bytes. */
    final void reset(int keep) {
        pos = 0;
        buf = BufferGrowth.kept(buf, keep);
    }

    /** Writes bytes known to be ASCII JSON as they are. */
    final void raw(byte[] bytes) {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buf, pos, bytes.length);
        pos += bytes.length;
    }

    final void put(byte c) {
        ensure(1);
        buf[pos++] = c;
    }

    /** Text known to be ASCII (a number's digits). */
    final void text(String s) {
        int n = s.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            buf[pos++] = (byte) s.charAt(i);
        }
    }

    /** The characters {@code from} (inclusive) to {@code to} of {@code chars}, known to be ASCII. */
    final void text(char[] chars, int from, int to) {
        ensure(to - from);
        for (int i = from; i < to; i++) {
            buf[pos++] = (byte) chars[i];
        }
    }

    /** A long's decimal digits, as Jackson's number output writes them. */
    final void number(long v) {
        ensure(20);
        if (v == 0) {
            buf[pos++] = '0';
            return;
        }
        // Digits of the negative magnitude, which holds Long.MIN_VALUE too.
        long n = v < 0 ? v : -v;
        int len = 0;
        for (long t = n; t != 0; t /= 10) {
            len++;
        }
        if (v < 0) {
            buf[pos++] = '-';
        }
        for (int i = pos + len - 1; i >= pos; i--) {
            buf[i] = (byte) ('0' - (int) (n % 10));
            n /= 10;
        }
        pos += len;
    }

    /** A JSON string (or null), escaped as Json's mapper escapes it. */
    final void string(String s) {
        if (s == null) {
            raw(NULL);
            return;
        }
        int n = s.length();
        if (n >= BULK) {
            bulkString(s, n);
            return;
        }
        ensure(n + 2);
        byte[] out = buf;
        int p = pos;
        out[p++] = '"';
        int i = 0;
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80 || ESCAPES[c] != 0) {
                break;
            }
            out[p++] = (byte) c;
        }
        pos = p;
        if (i < n) {
            escaped(s, i, n);
        }
        put((byte) '"');
    }

    /**
     * A long string, by runs: its ISO-8859-1 bytes (one array copy for a Latin-1 string) are
     * checked eight at a time, and runs that need nothing are copied as they are. A byte that
     * needs care, or a {@code ?} (which is also what a character above U+00FF became), sends
     * its character through {@link #escaped}.
     */
    private void bulkString(String s, int n) {
        byte[] latin = s.getBytes(StandardCharsets.ISO_8859_1);
        put((byte) '"');
        int i = 0;
        while (i < n) {
            int run = AsciiRuns.plainEndOrQuestionMark(latin, i, n);
            if (run > i) {
                ensure(run - i);
                System.arraycopy(latin, i, buf, pos, run - i);
                pos += run - i;
                i = run;
            }
            if (i < n) {
                escaped(s, i, i + 1);
                i++;
            }
        }
        put((byte) '"');
    }

    /** The characters {@code from} to {@code n} of a string, each escaped as it needs. */
    private void escaped(String s, int from, int n) {
        for (int i = from; i < n; i++) {
            ensure(6);
            char c = s.charAt(i);
            byte e = c < 0x80 ? ESCAPES[c] : -1;
            if (e == 0) {
                buf[pos++] = (byte) c;
            } else if (e > 0) {
                buf[pos++] = '\\';
                buf[pos++] = e;
            } else {
                buf[pos++] = '\\';
                buf[pos++] = 'u';
                buf[pos++] = HEX[(c >> 12) & 0xF];
                buf[pos++] = HEX[(c >> 8) & 0xF];
                buf[pos++] = HEX[(c >> 4) & 0xF];
                buf[pos++] = HEX[c & 0xF];
            }
        }
    }

    private void ensure(int more) {
        long needed = (long) pos + more;
        if (needed > buf.length) {
            buf = BufferGrowth.withRoom(buf, needed);
        }
    }

    private static byte[] escapes() {
        byte[] e = new byte[0x80];
        for (int c = 0; c < 0x20; c++) {
            e[c] = -1;
        }
        e['\b'] = 'b';
        e['\f'] = 'f';
        e['\n'] = 'n';
        e['\r'] = 'r';
        e['\t'] = 't';
        e['"'] = '"';
        e['\\'] = '\\';
        return e;
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
