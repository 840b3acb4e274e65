package dev.ipcm.serial;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.ipcm.Message;
import dev.ipcm.internal.Json;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.BigDecimal;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads a message's wire object straight from its bytes, without a Jackson parser, when it is
 * JSON as ipcm and IPC::Manager write it: 7-bit ASCII, numbers of at most 18 digits without an
 * exponent, each key once, string ids and names, numeric stamps.
 *
 * <p>It accepts only input that Jackson's parser accepts too and builds the same nodes Jackson's
 * tree reader would (same node classes, same {@link BigDecimal} scale, same key order). Anything
 * else (a non-ASCII byte, an exponent, a long number, deep nesting, a duplicate key, anything
 * after the object, malformed JSON) makes it give up, and {@link EnvelopeReader} decides as
 * before, with Jackson's words for what is wrong. Plain runs of a string are found eight bytes
 * at a time and become their string with one copy, which is what makes 4 KiB of text cheap.
 */
final class EnvelopeBytesReader {
    /** Jackson refuses deeper nesting (1,000 by default); far below that, no stack trouble either. */
    private static final int MAX_DEPTH = 200;
    /** Jackson limits names (50,000 chars) and strings (20 million); inputs near that go to it. */
    private static final int MAX_KEY = 1_000;
    private static final int MAX_INPUT = 8 * 1024 * 1024;

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    private static final long QUOTES = 0x2222222222222222L;
    private static final long BACKSLASHES = 0x5C5C5C5C5C5C5C5CL;
    private static final long SPACES = 0x2020202020202020L;

    private static final JsonNodeFactory NODES = Json.mapper().getNodeFactory();

    private static final int ID = 0;
    private static final int FROM = 1;
    private static final int TO = 2;
    private static final int BROADCAST = 3;
    private static final int STAMP = 4;
    private static final int STAMP_ORD = 5;
    private static final int CONTENT = 6;
    private static final String[] KEYS = {"id", "from", "to", "broadcast", "stamp", "stamp_ord", "content"};
    private static final byte[][] KEY_BYTES = keyBytes();

    /** Thrown (without a stack) when the input is not for this reader. */
    private static final class NotMine extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NotMine() {
            super(null, null, false, false);
        }
    }

    private static final NotMine NOT_MINE = new NotMine();

    private final byte[] b;
    private final int end;
    private int pos;
    /** The last number read: its unscaled digits and scale (0 for an integer). */
    private long unscaled;
    private int scale;

    private EnvelopeBytesReader(byte[] bytes, int offset, int length) {
        this.b = bytes;
        this.pos = offset;
        this.end = offset + length;
    }

    /** The message, or null when {@link EnvelopeReader} must decide. */
    static Message read(byte[] bytes, int offset, int length) {
        if (length > MAX_INPUT) {
            return null;
        }
        try {
            return new EnvelopeBytesReader(bytes, offset, length).envelope();
        } catch (NotMine e) {
            return null;
        }
    }

    private Message envelope() {
        String id = null;
        String from = null;
        String to = null;
        boolean broadcast = false;
        BigDecimal stamp = null;
        Long stampOrd = null;
        JsonNode content = null;
        Map<String, JsonNode> extras = null;
        int seen = 0;
        skipSpace();
        expect('{');
        skipSpace();
        while (true) {
            expect('"');
            int start = pos;
            int stop = scan(start);
            String extra = null;
            int key;
            if (stop < end && b[stop] == '"' && stop - start <= MAX_KEY) {
                pos = stop + 1;
                key = known(start, stop);
                if (key < 0) {
                    extra = new String(b, start, stop - start, StandardCharsets.ISO_8859_1);
                }
            } else {
                extra = escapedString(start, stop, true);
                if (extra.length() > MAX_KEY) {
                    throw NOT_MINE;
                }
                key = Arrays.asList(KEYS).indexOf(extra);
            }
            skipSpace();
            expect(':');
            skipSpace();
            if (key >= 0) {
                // The tree keeps a repeated key's last value; that is for the tree path.
                if ((seen & (1 << key)) != 0) {
                    throw NOT_MINE;
                }
                seen |= 1 << key;
            }
            switch (key) {
                case ID:
                    id = stringOrNull();
                    break;
                case FROM:
                    from = stringOrNull();
                    break;
                case TO:
                    to = stringOrNull();
                    break;
                case BROADCAST:
                    broadcast = flag();
                    break;
                case STAMP:
                    stamp = stamp();
                    break;
                case STAMP_ORD:
                    stampOrd = stampOrd();
                    break;
                case CONTENT:
                    content = value(0);
                    break;
                default:
                    if (extras == null) {
                        extras = new LinkedHashMap<>();
                    }
                    if (extras.put(extra, value(0)) != null) {
                        throw NOT_MINE;
                    }
                    break;
            }
            skipSpace();
            int c = next();
            if (c == '}') {
                break;
            }
            if (c != ',') {
                throw NOT_MINE;
            }
            skipSpace();
        }
        // Jackson's readTree ignores what follows the object; the tree path knows how.
        skipSpace();
        if (pos != end) {
            throw NOT_MINE;
        }
        // Null when the fields break the envelope rule: the tree path then says what is wrong.
        return Message.fromEnvelope(id, from, to, broadcast, stamp, stampOrd, content, extras);
    }

    // ==== envelope values ====================================================================

    private String stringOrNull() {
        int c = peek();
        if (c == '"') {
            pos++;
            return string(false);
        }
        if (c == 'n') {
            literal("null");
            return null;
        }
        throw NOT_MINE;
    }

    /** Perl's truth of the flag, for the shapes {@link Json#truthy} gives a plain answer on. */
    private boolean flag() {
        switch (peek()) {
            case 't':
                literal("true");
                return true;
            case 'f':
                literal("false");
                return false;
            case 'n':
                literal("null");
                return false;
            case '"':
                pos++;
                String s = string(false);
                return !s.isEmpty() && !s.equals("0");
            default:
                if (!number() || scale != 0) {
                    throw NOT_MINE;
                }
                return unscaled != 0;
        }
    }

    /** The stamp as the tree's number node gives it: the decimal's own digits and scale. */
    private BigDecimal stamp() {
        if (peek() == 'n') {
            literal("null");
            return null;
        }
        if (!number()) {
            throw NOT_MINE;
        }
        return BigDecimal.valueOf(unscaled, scale);
    }

    private Long stampOrd() {
        if (peek() == 'n') {
            literal("null");
            return null;
        }
        if (!number()) {
            throw NOT_MINE;
        }
        return scale == 0 ? unscaled : BigDecimal.valueOf(unscaled, scale).longValue();
    }

    // ==== trees ==============================================================================

    private JsonNode value(int depth) {
        int c = peek();
        switch (c) {
            case '"':
                pos++;
                return TextNode.valueOf(string(false));
            case '{':
                return object(depth + 1);
            case '[':
                return array(depth + 1);
            case 't':
                literal("true");
                return BooleanNode.TRUE;
            case 'f':
                literal("false");
                return BooleanNode.FALSE;
            case 'n':
                literal("null");
                return NODES.nullNode();
            default:
                if (!number()) {
                    throw NOT_MINE;
                }
                if (scale != 0) {
                    return NODES.numberNode(BigDecimal.valueOf(unscaled, scale));
                }
                // Jackson's number type follows the value: int when it fits, long otherwise.
                return unscaled == (int) unscaled ? NODES.numberNode((int) unscaled) : NODES.numberNode(unscaled);
        }
    }

    private ObjectNode object(int depth) {
        if (depth > MAX_DEPTH) {
            throw NOT_MINE;
        }
        pos++;
        ObjectNode node = NODES.objectNode();
        skipSpace();
        if (peek() == '}') {
            pos++;
            return node;
        }
        while (true) {
            expect('"');
            String key = string(true);
            if (key.length() > MAX_KEY) {
                throw NOT_MINE;
            }
            skipSpace();
            expect(':');
            skipSpace();
            if (node.replace(key, value(depth)) != null) {
                throw NOT_MINE;
            }
            skipSpace();
            int c = next();
            if (c == '}') {
                return node;
            }
            if (c != ',') {
                throw NOT_MINE;
            }
            skipSpace();
        }
    }

    private ArrayNode array(int depth) {
        if (depth > MAX_DEPTH) {
            throw NOT_MINE;
        }
        pos++;
        ArrayNode node = NODES.arrayNode();
        skipSpace();
        if (peek() == ']') {
            pos++;
            return node;
        }
        while (true) {
            node.add(value(depth));
            skipSpace();
            int c = next();
            if (c == ']') {
                return node;
            }
            if (c != ',') {
                throw NOT_MINE;
            }
            skipSpace();
        }
    }

    // ==== tokens =============================================================================

    /** The string whose opening quote was just read; the position moves past its closing quote. */
    private String string(boolean key) {
        int start = pos;
        int stop = scan(start);
        if (stop < end && b[stop] == '"') {
            pos = stop + 1;
            // Only bytes below 0x80 were passed: ISO-8859-1 takes them over as they are.
            return new String(b, start, stop - start, StandardCharsets.ISO_8859_1);
        }
        return escapedString(start, stop, key);
    }

    /**
     * A string with escapes, from its first character to its closing quote. Jackson reads an
     * escaped surrogate in a key through UTF-8 and may refuse it; such keys are its to judge.
     */
    private String escapedString(int start, int stop, boolean key) {
        StringBuilder s = new StringBuilder(stop - start + 16);
        int i = stop;
        s.append(new String(b, start, i - start, StandardCharsets.ISO_8859_1));
        while (true) {
            if (i >= end) {
                throw NOT_MINE;
            }
            int c = b[i++];
            if (c == '"') {
                break;
            }
            if (c != '\\') {
                // A control character or a non-ASCII byte: Jackson's to judge.
                throw NOT_MINE;
            }
            if (i >= end) {
                throw NOT_MINE;
            }
            switch (b[i++]) {
                case '"':
                    s.append('"');
                    break;
                case '\\':
                    s.append('\\');
                    break;
                case '/':
                    s.append('/');
                    break;
                case 'b':
                    s.append('\b');
                    break;
                case 'f':
                    s.append('\f');
                    break;
                case 'n':
                    s.append('\n');
                    break;
                case 'r':
                    s.append('\r');
                    break;
                case 't':
                    s.append('\t');
                    break;
                case 'u':
                    if (i + 4 > end) {
                        throw NOT_MINE;
                    }
                    // In a value Jackson takes each escaped UTF-16 unit as it is, lone surrogates included.
                    char u = (char) ((hex(b[i]) << 12) | (hex(b[i + 1]) << 8) | (hex(b[i + 2]) << 4) | hex(b[i + 3]));
                    if (key && Character.isSurrogate(u)) {
                        throw NOT_MINE;
                    }
                    s.append(u);
                    i += 4;
                    break;
                default:
                    throw NOT_MINE;
            }
            int run = scan(i);
            s.append(new String(b, i, run - i, StandardCharsets.ISO_8859_1));
            i = run;
        }
        pos = i;
        return s.toString();
    }

    private static int hex(byte c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        throw NOT_MINE;
    }

    /**
     * The first index from {@code i} holding a quote, a backslash, a control character or a
     * non-ASCII byte (or the end), looking at eight bytes at a time.
     */
    private int scan(int i) {
        while (i + 8 <= end) {
            long w = (long) LONGS.get(b, i);
            long q = w ^ QUOTES;
            long s = w ^ BACKSLASHES;
            // A zero byte of q or s, a byte below 0x20 (a borrow), or one with its top bit set.
            long hit = ((q - ONES) & ~q) | ((s - ONES) & ~s) | (w - SPACES) | w;
            if ((hit & HIGHS) != 0) {
                break;
            }
            i += 8;
        }
        for (; i < end; i++) {
            int c = b[i];
            if (c == '"' || c == '\\' || c < 0x20) {
                // a negative byte (0x80 and up) is below 0x20 too
                return i;
            }
        }
        return i;
    }

    /**
     * A JSON number: {@code -?(0|[1-9][0-9]*)(\.[0-9]+)?} of at most 18 digits, into
     * {@link #unscaled} and {@link #scale}. False when the value does not start a number;
     * a number this does not take (an exponent, more digits) is not this reader's.
     */
    private boolean number() {
        int i = pos;
        boolean negative = false;
        if (i < end && b[i] == '-') {
            negative = true;
            i++;
        }
        int first = i;
        long v = 0;
        while (i < end && b[i] >= '0' && b[i] <= '9') {
            v = v * 10 + (b[i] - '0');
            i++;
        }
        int intDigits = i - first;
        if (intDigits == 0) {
            if (negative) {
                throw NOT_MINE;
            }
            return false;
        }
        // Leading zeros are an error to Jackson.
        if (intDigits > 1 && b[first] == '0') {
            throw NOT_MINE;
        }
        int fraction = 0;
        if (i < end && b[i] == '.') {
            i++;
            int f = i;
            while (i < end && b[i] >= '0' && b[i] <= '9') {
                v = v * 10 + (b[i] - '0');
                i++;
            }
            fraction = i - f;
            if (fraction == 0) {
                throw NOT_MINE;
            }
        }
        if (intDigits + fraction > 18 || (i < end && (b[i] == 'e' || b[i] == 'E'))) {
            throw NOT_MINE;
        }
        pos = i;
        unscaled = negative ? -v : v;
        scale = fraction;
        return true;
    }

    private void literal(String word) {
        int n = word.length();
        if (pos + n > end) {
            throw NOT_MINE;
        }
        for (int k = 0; k < n; k++) {
            if (b[pos + k] != word.charAt(k)) {
                throw NOT_MINE;
            }
        }
        pos += n;
        // "truex" and the like: the caller then finds no separator and gives up.
    }

    private int known(int start, int stop) {
        int n = stop - start;
        for (int k = 0; k < KEY_BYTES.length; k++) {
            byte[] key = KEY_BYTES[k];
            if (key.length == n && Arrays.equals(b, start, stop, key, 0, n)) {
                return k;
            }
        }
        return -1;
    }

    private static byte[][] keyBytes() {
        byte[][] out = new byte[KEYS.length][];
        for (int k = 0; k < KEYS.length; k++) {
            out[k] = KEYS[k].getBytes(StandardCharsets.US_ASCII);
        }
        return out;
    }

    private void skipSpace() {
        while (pos < end) {
            byte c = b[pos];
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                return;
            }
            pos++;
        }
    }

    private int peek() {
        return pos < end ? b[pos] : -1;
    }

    private int next() {
        return pos < end ? b[pos++] : -1;
    }

    private void expect(char c) {
        if (pos >= end || b[pos] != c) {
            throw NOT_MINE;
        }
        pos++;
    }
}
