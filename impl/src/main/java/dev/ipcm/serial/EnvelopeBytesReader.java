package dev.ipcm.serial;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ipcm.Message;
import dev.ipcm.internal.Json;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a message's wire object straight from its bytes, without a Jackson parser, when it is
 * JSON as ipcm and IPC::Manager write it: 7-bit ASCII, numbers of at most 18 digits without an
 * exponent, each key once, string ids and names, numeric stamps.
 *
 * <p>It accepts only input that Jackson's parser accepts too and builds the same nodes Jackson's
 * tree reader would ({@link JsonByteTrees}). Anything else (a non-ASCII byte, an exponent, a
 * long number, deep nesting, a duplicate key, anything after the object, malformed JSON) makes
 * it give up, and {@link EnvelopeReader} decides as before, with Jackson's words for what is
 * wrong. Plain runs of a string are found eight bytes at a time ({@link AsciiRuns}) and become
 * their string with one copy, which is what makes 4 KiB of text cheap.
 */
final class EnvelopeBytesReader extends JsonByteCursor {
    /** Jackson limits strings to 20 million characters; inputs near that go to it. */
    private static final int MAX_INPUT = 8 * 1024 * 1024;

    private static final int ID = 0;
    private static final int FROM = 1;
    private static final int TO = 2;
    private static final int BROADCAST = 3;
    private static final int STAMP = 4;
    private static final int STAMP_ORD = 5;
    private static final int CONTENT = 6;
    private static final List<String> KEYS = List.of("id", "from", "to", "broadcast", "stamp", "stamp_ord", "content");
    private static final byte[][] KEY_BYTES = KEYS.stream().map(k -> k.getBytes(StandardCharsets.US_ASCII)).toArray(byte[][]::new);

    private EnvelopeBytesReader(byte[] bytes, int offset, int length) {
        super(bytes, offset, length);
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
        do {
            expect('"');
            int key = knownName(KEY_BYTES);
            String extra = key < 0 ? name() : null;
            if (extra != null) {
                key = KEYS.indexOf(extra);
            }
            colon();
            if (key >= 0) {
                // The tree keeps a repeated key's last value; that is for the tree path.
                if ((seen & (1 << key)) != 0) {
                    throw NotMine.INSTANCE;
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
                    stamp = numberOrNull() ? BigDecimal.valueOf(unscaled(), scale()) : null;
                    break;
                case STAMP_ORD:
                    stampOrd = numberOrNull() ? ordinal() : null;
                    break;
                case CONTENT:
                    content = JsonByteTrees.value(this);
                    break;
                default:
                    if (extras == null) {
                        extras = new LinkedHashMap<>();
                    }
                    if (extras.put(extra, JsonByteTrees.value(this)) != null) {
                        throw NotMine.INSTANCE;
                    }
                    break;
            }
        } while (more('}'));
        // Jackson's readTree ignores what follows the object; the tree path knows how.
        if (!atEnd()) {
            throw NotMine.INSTANCE;
        }
        // Null when the fields break the envelope rule: the tree path then says what is wrong.
        return Message.fromEnvelope(id, from, to, broadcast, stamp, stampOrd, content, extras);
    }

    private String stringOrNull() {
        int c = peek();
        if (c == '"') {
            skip();
            return string();
        }
        if (c == 'n') {
            literal("null");
            return null;
        }
        throw NotMine.INSTANCE;
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
                skip();
                String s = string();
                return !s.isEmpty() && !s.equals("0");
            default:
                if (!number() || scale() != 0) {
                    throw NotMine.INSTANCE;
                }
                return unscaled() != 0;
        }
    }

    /** True after reading a number, false after a {@code null}; anything else is not this reader's. */
    private boolean numberOrNull() {
        if (peek() == 'n') {
            literal("null");
            return false;
        }
        if (!number()) {
            throw NotMine.INSTANCE;
        }
        return true;
    }

    /** The stamp ordinal the tree's number node gives for the number just read. */
    private Long ordinal() {
        return scale() == 0 ? unscaled() : BigDecimal.valueOf(unscaled(), scale()).longValue();
    }
}
