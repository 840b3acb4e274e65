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
import dev.ipcm.internal.PerlNumbers;
import java.math.BigDecimal;
import java.util.Map;

/**
 * Writes a message's wire object straight into bytes, without Jackson's generator: the bytes
 * {@code Json.encode(message.toJson())} writes, for messages whose content holds only objects,
 * arrays, strings, integers, decimals, booleans and nulls. Strings and numbers are written as
 * {@link JsonByteBuffer} says.
 *
 * <p>A value it does not write exactly as Jackson would (a double, a float, a POJO or binary
 * node, nesting Jackson refuses) makes it give up, and
 * {@link EnvelopeWriter} writes the message as before.
 *
 * <p>One per thread, through {@link EnvelopeWriter}: not thread-safe.
 */
final class EnvelopeBytesWriter extends JsonByteBuffer {
    /** Jackson refuses to write deeper than 1,000 levels; this gives up long before. */
    private static final int MAX_DEPTH = 200;

    private static final byte[] ID = ascii("{\"id\":");
    private static final byte[] FROM = ascii(",\"from\":");
    private static final byte[] TO = ascii(",\"to\":");
    private static final byte[] BROADCAST = ascii(",\"broadcast\":1");
    private static final byte[] STAMP = ascii(",\"stamp\":");
    private static final byte[] STAMP_ORD = ascii(",\"stamp_ord\":");
    private static final byte[] CONTENT = ascii(",\"content\":");
    private static final byte[] TRUE = ascii("true");
    private static final byte[] FALSE = ascii("false");

    private final char[] digits = new char[PlainDecimal.MAX_CHARS];

    /** Writes the message; false (and nothing kept) when it is not this writer's to write. */
    boolean write(Message m) {
        clear();
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
        clear();
        return false;
    }

    /** The stamp as {@code writeNumber(BigDecimal)} writes it: an ordinary one in plain notation. */
    private boolean stamp(BigDecimal stamp) {
        if (stamp == null) {
            raw(NULL);
            return true;
        }
        int scale = stamp.scale();
        if (scale > 0 && scale <= 18 && stamp.precision() <= 18 && PerlNumbers.isPlain(stamp)) {
            int start = PlainDecimal.format(stamp.unscaledValue().longValue(), scale, digits);
            text(digits, start, digits.length);
            return true;
        }
        return decimal(stamp);
    }

    private boolean decimal(BigDecimal value) {
        text(PerlNumbers.text(value));
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
            return depth < MAX_DEPTH && object(node, depth);
        } else if (type == ArrayNode.class) {
            return depth < MAX_DEPTH && array(node, depth);
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

    private boolean object(JsonNode node, int depth) {
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
        return true;
    }

    private boolean array(JsonNode node, int depth) {
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
        return true;
    }
}
