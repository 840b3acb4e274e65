package dev.ipcm.serial;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.ShortNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.ipcm.Message;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.BigDecimal;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

/**
 * Writes a message's wire object straight into bytes, without Jackson's generator: the bytes
 * {@code Json.encode(message.toJson())} writes, for messages whose content holds only objects,
 * arrays, strings, integers, decimals, booleans and nulls.
 *
 * <p>Strings are escaped as {@code Json}'s character escapes have Jackson do it: {@code \"},
 * {@code \\}, {@code \b \f \n \r \t}, every other control character and everything above
 * U+007F as a lower-case {@code \\uxxxx} of each UTF-16 unit; DEL and {@code /} stay raw.
 * A value it does not write exactly as Jackson would (a double, a float, a POJO or binary
 * node, a decimal whose scale Jackson refuses, nesting Jackson refuses) makes it give up, and
 * {@link EnvelopeWriter} writes the message as before.
 *
 * <p>One per thread, through {@link EnvelopeWriter}: not thread-safe.
 */
final class EnvelopeBytesWriter {
    /** Jackson refuses to write deeper than 1,000 levels; this gives up long before. */
    private static final int MAX_DEPTH = 200;
    /** Jackson refuses to write a plain decimal with a larger scale either way. */
    private static final int MAX_DECIMAL_SCALE = 9999;
    private static final int INITIAL = 512;
    /** Strings from this length are copied in runs (at the cost of one Latin-1 copy) rather than a character at a time. */
    private static final int BULK = 512;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    private static final long QUOTES = 0x2222222222222222L;
    private static final long BACKSLASHES = 0x5C5C5C5C5C5C5C5CL;
    private static final long QUESTION_MARKS = 0x3F3F3F3F3F3F3F3FL;
    private static final long SPACES = 0x2020202020202020L;
    private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    /** Per ASCII character: 0 written as it is, -1 written as {@code \\u00xx}, else the letter after a backslash. */
    private static final byte[] ESCAPES = escapes();

    private static final byte[] ID = ascii("{\"id\":");
    private static final byte[] FROM = ascii(",\"from\":");
    private static final byte[] TO = ascii(",\"to\":");
    private static final byte[] BROADCAST = ascii(",\"broadcast\":1");
    private static final byte[] STAMP = ascii(",\"stamp\":");
    private static final byte[] STAMP_ORD = ascii(",\"stamp_ord\":");
    private static final byte[] CONTENT = ascii(",\"content\":");
    private static final byte[] NULL = ascii("null");
    private static final byte[] TRUE = ascii("true");
    private static final byte[] FALSE = ascii("false");

    private final char[] digits = new char[PlainDecimal.MAX_CHARS];
    private byte[] buf = new byte[INITIAL];
    private int pos;

    /** The buffer; its first {@link #size()} bytes are the last message written. */
    byte[] buffer() {
        return buf;
    }

    int size() {
        return pos;
    }

    /** Empties the buffer, dropping it when one large message grew it past {@code keep} bytes. */
    void reset(int keep) {
        pos = 0;
        if (buf.length > keep) {
            buf = new byte[INITIAL];
        }
    }

    /** Writes the message; false (and nothing kept) when it is not this writer's to write. */
    boolean write(Message m) {
        pos = 0;
        raw(ID);
        string(m.id());
        raw(FROM);
        string(m.from());
        String to = m.toOrNull();
        if (to != null) {
            raw(TO);
            string(to);
        }
        if (m.isBroadcast()) {
            raw(BROADCAST);
        }
        raw(STAMP);
        if (!stamp(m.stamp())) {
            return giveUp();
        }
        Long ord = m.stampOrdOrNull();
        if (ord != null) {
            raw(STAMP_ORD);
            number(ord.longValue());
        }
        raw(CONTENT);
        if (!tree(m.content(), 0)) {
            return giveUp();
        }
        for (Map.Entry<String, JsonNode> e : m.extras().entrySet()) {
            if (Message.isEnvelopeKey(e.getKey())) {
                // The tree would have replaced the envelope value in place; leave that to it.
                return giveUp();
            }
            put((byte) ',');
            string(e.getKey());
            put((byte) ':');
            if (!tree(e.getValue(), 0)) {
                return giveUp();
            }
        }
        put((byte) '}');
        return true;
    }

    private boolean giveUp() {
        pos = 0;
        return false;
    }

    /** The stamp in plain notation, as {@code writeNumber(BigDecimal)} with plain decimals writes it. */
    private boolean stamp(BigDecimal stamp) {
        if (stamp == null) {
            raw(NULL);
            return true;
        }
        int scale = stamp.scale();
        if (scale > 0 && scale <= 18 && stamp.precision() <= 18) {
            int start = PlainDecimal.format(stamp.unscaledValue().longValue(), scale, digits);
            ensure(digits.length - start);
            for (int i = start; i < digits.length; i++) {
                buf[pos++] = (byte) digits[i];
            }
            return true;
        }
        return decimal(stamp);
    }

    private boolean decimal(BigDecimal value) {
        int scale = value.scale();
        if (scale < -MAX_DECIMAL_SCALE || scale > MAX_DECIMAL_SCALE) {
            return false;
        }
        text(value.toPlainString());
        return true;
    }

    /** A tree, with the generator calls its own {@code serialize} would make; false for other node classes. */
    private boolean tree(JsonNode node, int depth) {
        if (node == null) {
            // ObjectNode.set stores a Java null as a JSON null.
            raw(NULL);
            return true;
        }
        Class<?> type = node.getClass();
        if (type == TextNode.class) {
            string(node.textValue());
        } else if (type == ObjectNode.class) {
            if (depth >= MAX_DEPTH) {
                return false;
            }
            put((byte) '{');
            boolean first = true;
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                if (!first) {
                    put((byte) ',');
                }
                first = false;
                string(e.getKey());
                put((byte) ':');
                if (!tree(e.getValue(), depth + 1)) {
                    return false;
                }
            }
            put((byte) '}');
        } else if (type == ArrayNode.class) {
            if (depth >= MAX_DEPTH) {
                return false;
            }
            put((byte) '[');
            for (int i = 0, n = node.size(); i < n; i++) {
                if (i > 0) {
                    put((byte) ',');
                }
                if (!tree(node.get(i), depth + 1)) {
                    return false;
                }
            }
            put((byte) ']');
        } else if (type == IntNode.class || type == ShortNode.class || type == LongNode.class) {
            number(node.longValue());
        } else if (type == DecimalNode.class) {
            return decimal(node.decimalValue());
        } else if (type == BigIntegerNode.class) {
            text(node.bigIntegerValue().toString());
        } else if (type == BooleanNode.class) {
            raw(node.booleanValue() ? TRUE : FALSE);
        } else if (type == NullNode.class) {
            raw(NULL);
        } else {
            return false;
        }
        return true;
    }

    /** A JSON string (or null), escaped as Json's mapper escapes it. */
    private void string(String s) {
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
            int run = plainRun(latin, i, n);
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

    /** The first index from {@code i} of a byte that is not plain ASCII text, or a {@code ?}. */
    private static int plainRun(byte[] b, int i, int n) {
        while (i + 8 <= n) {
            long w = (long) LONGS.get(b, i);
            long q = w ^ QUOTES;
            long s = w ^ BACKSLASHES;
            long m = w ^ QUESTION_MARKS;
            // A zero byte of q, s or m, a byte below 0x20 (a borrow), or one with its top bit set.
            long hit = ((q - ONES) & ~q) | ((s - ONES) & ~s) | ((m - ONES) & ~m) | (w - SPACES) | w;
            if ((hit & HIGHS) != 0) {
                break;
            }
            i += 8;
        }
        for (; i < n; i++) {
            int c = b[i];
            if (c < 0x20 || c == '"' || c == '\\' || c == '?') {
                // a negative byte (0x80 and up) is below 0x20 too
                return i;
            }
        }
        return n;
    }

    /** The rest of a string from its first character that needs care. */
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

    /** A long's decimal digits, as Jackson's number output writes them. */
    private void number(long v) {
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

    /** Text known to be ASCII (a number's digits). */
    private void text(String s) {
        int n = s.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            buf[pos++] = (byte) s.charAt(i);
        }
    }

    private void raw(byte[] bytes) {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buf, pos, bytes.length);
        pos += bytes.length;
    }

    private void put(byte c) {
        ensure(1);
        buf[pos++] = c;
    }

    private void ensure(int more) {
        long needed = (long) pos + more;
        if (needed > Integer.MAX_VALUE - 8) {
            throw new OutOfMemoryError("a serialized message cannot exceed 2 GiB");
        }
        if (needed > buf.length) {
            buf = Arrays.copyOf(buf, (int) Math.max(needed, Math.min(Integer.MAX_VALUE - 8, 2L * buf.length)));
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

    private static byte[] ascii(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }
}
