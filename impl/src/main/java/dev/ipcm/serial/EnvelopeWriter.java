package dev.ipcm.serial;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.FloatNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.ShortNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.ipcm.Message;
import dev.ipcm.internal.Json;
import dev.ipcm.internal.PerlNumbers;
import java.io.IOException;
import java.util.Map;

/**
 * Writes a message's wire object, byte for byte what {@code Json.encode(message.toJson())}
 * writes: straight into bytes ({@link EnvelopeBytesWriter}) when the content holds only the
 * common node types, else with one streaming generator, and for anything the generator cannot
 * write as the tree would, through the tree itself.
 *
 * <p>Each thread keeps one writer: its generator (made by {@link Json}'s mapper, so the
 * lower-case escapes and plain decimals apply) stays bound to a reusable {@link ByteSink},
 * and a message costs only the copy handed out. Anything the writer does not know how to
 * write exactly as the tree would (an exotic node class, a generator error) is written by the
 * tree path instead, which then produces the same bytes or the same exception as before.
 */
final class EnvelopeWriter {
    /** A thread keeps at most this much sink between messages. */
    private static final int KEEP_BYTES = 64 * 1024;
    private static final ThreadLocal<EnvelopeWriter> CURRENT = ThreadLocal.withInitial(EnvelopeWriter::new);

    private static final SerializedString ID = new SerializedString("id");
    private static final SerializedString FROM = new SerializedString("from");
    private static final SerializedString TO = new SerializedString("to");
    private static final SerializedString BROADCAST = new SerializedString("broadcast");
    private static final SerializedString STAMP = new SerializedString("stamp");
    private static final SerializedString STAMP_ORD = new SerializedString("stamp_ord");
    private static final SerializedString CONTENT = new SerializedString("content");

    private final EnvelopeBytesWriter direct = new EnvelopeBytesWriter();
    private final ByteSink sink = new ByteSink();
    private final char[] digits = new char[PlainDecimal.MAX_CHARS];
    private JsonGenerator generator;
    private boolean busy;

    private EnvelopeWriter() {}

    /** Writes {@code message} and hands its bytes (valid only during the call) to {@code then}. */
    static <R> R encode(Message message, Encoded<R> then) {
        EnvelopeWriter writer = CURRENT.get();
        if (writer.busy) {
            // Only a callback that encodes another message gets here; it gets a writer of its own.
            writer = new EnvelopeWriter();
        }
        return writer.run(message, then);
    }

    private <R> R run(Message message, Encoded<R> then) {
        busy = true;
        try {
            if (writeDirect(message)) {
                return then.apply(direct.buffer(), direct.size());
            }
            if (!write(message)) {
                byte[] bytes = Json.encode(message.toJson());
                return then.apply(bytes, bytes.length);
            }
            return then.apply(sink.buffer(), sink.size());
        } finally {
            direct.reset(KEEP_BYTES);
            sink.reset(KEEP_BYTES);
            busy = false;
        }
    }

    /** The common case, without Jackson's generator; false when the generator must write it. */
    private boolean writeDirect(Message message) {
        try {
            return direct.write(message);
        } catch (RuntimeException e) {
            // Whatever it was, the generator (or the tree) writes it, or says what is wrong.
            return false;
        }
    }

    /** Streams the message into the sink; false (sink emptied) when the tree path must do it. */
    private boolean write(Message m) {
        try {
            JsonGenerator g = generator();
            g.writeStartObject();
            g.writeFieldName(ID);
            g.writeString(m.id());
            g.writeFieldName(FROM);
            g.writeString(m.from());
            String to = m.toOrNull();
            if (to != null) {
                g.writeFieldName(TO);
                g.writeString(to);
            }
            if (m.isBroadcast()) {
                g.writeFieldName(BROADCAST);
                g.writeNumber(1);
            }
            g.writeFieldName(STAMP);
            writeStamp(g, m.stamp());
            Long ord = m.stampOrdOrNull();
            if (ord != null) {
                g.writeFieldName(STAMP_ORD);
                g.writeNumber(ord.longValue());
            }
            g.writeFieldName(CONTENT);
            if (!writeTree(g, m.content())) {
                return abandon();
            }
            for (Map.Entry<String, JsonNode> e : m.extras().entrySet()) {
                if (Message.isEnvelopeKey(e.getKey())) {
                    // The tree would have replaced the envelope value in place; leave that to it.
                    return abandon();
                }
                g.writeFieldName(e.getKey());
                if (!writeTree(g, e.getValue())) {
                    return abandon();
                }
            }
            g.writeEndObject();
            g.flush();
            return true;
        } catch (IOException | RuntimeException e) {
            return abandon();
        }
    }

    /**
     * Writes the stamp as {@code writeNumber(BigDecimal)} would, without its
     * {@code toPlainString} garbage when it is an ordinary one: a fraction of at most 18 digits.
     */
    private void writeStamp(JsonGenerator g, java.math.BigDecimal stamp) throws IOException {
        if (stamp == null) {
            g.writeNull();
            return;
        }
        int scale = stamp.scale();
        if (scale <= 0 || scale > 18 || stamp.precision() > 18 || !PerlNumbers.isPlain(stamp)) {
            g.writeNumber(stamp);
            return;
        }
        long unscaled = stamp.scaleByPowerOfTen(scale).longValueExact();
        int start = PlainDecimal.format(unscaled, scale, digits);
        g.writeNumber(digits, start, digits.length - start);
    }

    /**
     * Writes a tree with the same generator call its own {@code serialize} would make; false
     * for a node class this does not know (a POJO or binary node, a subclass).
     */
    private static boolean writeTree(JsonGenerator g, JsonNode node) throws IOException {
        if (node == null) {
            // ObjectNode.set stores a Java null as a JSON null.
            g.writeNull();
            return true;
        }
        Class<?> type = node.getClass();
        if (type == ObjectNode.class) {
            g.writeStartObject();
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                g.writeFieldName(e.getKey());
                if (!writeTree(g, e.getValue())) {
                    return false;
                }
            }
            g.writeEndObject();
        } else if (type == TextNode.class) {
            g.writeString(node.textValue());
        } else if (type == ArrayNode.class) {
            g.writeStartArray();
            for (int i = 0, n = node.size(); i < n; i++) {
                if (!writeTree(g, node.get(i))) {
                    return false;
                }
            }
            g.writeEndArray();
        } else if (type == IntNode.class || type == ShortNode.class) {
            g.writeNumber(node.intValue());
        } else if (type == LongNode.class) {
            g.writeNumber(node.longValue());
        } else if (type == DecimalNode.class) {
            g.writeNumber(node.decimalValue());
        } else if (type == BigIntegerNode.class) {
            g.writeNumber(node.bigIntegerValue());
        } else if (type == DoubleNode.class) {
            g.writeNumber(node.doubleValue());
        } else if (type == FloatNode.class) {
            g.writeNumber(node.floatValue());
        } else if (type == BooleanNode.class) {
            g.writeBoolean(node.booleanValue());
        } else if (type == NullNode.class) {
            g.writeNull();
        } else {
            return false;
        }
        return true;
    }

    private JsonGenerator generator() throws IOException {
        if (generator == null) {
            generator = Json.mapper().createGenerator(sink);
            // One generator writes many root values; they are separate messages, not a stream.
            generator.setRootValueSeparator(null);
        }
        return generator;
    }

    /** Drops a generator left mid-object; the next message starts a fresh one. */
    private boolean abandon() {
        if (generator != null) {
            try {
                generator.close();
            } catch (IOException | RuntimeException e) {
                // It is being dropped; closing only hands its buffers back to Jackson.
            }
            generator = null;
        }
        sink.reset(KEEP_BYTES);
        return false;
    }
}
