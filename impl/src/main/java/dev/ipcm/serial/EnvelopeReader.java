package dev.ipcm.serial;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.async.ByteArrayFeeder;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ipcm.Message;
import dev.ipcm.internal.Json;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads a message's wire object: straight from its bytes ({@link EnvelopeBytesReader}) when it
 * is plain ASCII JSON of the common shape, else with one streaming parser into the envelope fields;
 * only {@code content} and unknown keys become trees.
 *
 * <p>It reads the common shape only: string ids and names, numeric stamps, each key once.
 * Anything else (malformed JSON, a missing or empty {@code from}, a stamp written as a string,
 * a duplicate key, ...) goes to {@link Message#fromJson} on {@link Json#decode}, so the result
 * and every exception and message are exactly the tree path's.
 *
 * <p>Each thread keeps one reader with one non-blocking parser (from {@link Json}'s mapper) and
 * feeds it each message whole: a parser for every message would cost more than the message.
 * Input that ends early can then only show up as "no more tokens", never as the object's end,
 * so it always reaches the tree path. A parser that stopped anywhere but cleanly after one
 * object is dropped, and every {@link #REUSES} messages it is renewed, so the field names it
 * has learnt (content keys included) do not pile up.
 */
final class EnvelopeReader {
    private static final int REUSES = 1024;
    private static final ThreadLocal<EnvelopeReader> CURRENT = ThreadLocal.withInitial(EnvelopeReader::new);

    private static final int ID = 1;
    private static final int FROM = 1 << 1;
    private static final int TO = 1 << 2;
    private static final int BROADCAST = 1 << 3;
    private static final int STAMP = 1 << 4;
    private static final int STAMP_ORD = 1 << 5;
    private static final int CONTENT = 1 << 6;

    private String id;
    private String from;
    private String to;
    private boolean broadcast;
    private BigDecimal stamp;
    private Long stampOrd;
    private JsonNode content;
    private Map<String, JsonNode> extras;
    private int seen;

    private JsonParser parser;
    private int uses;
    private boolean busy;

    private EnvelopeReader() {}

    /** The message in {@code length} bytes of {@code bytes} from {@code offset}. */
    static Message decode(byte[] bytes, int offset, int length) {
        Message direct = EnvelopeBytesReader.read(bytes, offset, length);
        if (direct != null) {
            return direct;
        }
        EnvelopeReader reader = CURRENT.get();
        if (reader.busy) {
            reader = new EnvelopeReader();
        }
        Message m = reader.run(bytes, offset, length);
        if (m != null) {
            return m;
        }
        byte[] exact = offset == 0 && length == bytes.length ? bytes : Arrays.copyOfRange(bytes, offset, offset + length);
        return Message.fromJson(Json.decode(exact));
    }

    private Message run(byte[] bytes, int offset, int length) {
        busy = true;
        try {
            if (parser == null) {
                parser = Json.mapper().createNonBlockingByteArrayParser();
                uses = 0;
            }
            ((ByteArrayFeeder) parser.getNonBlockingInputFeeder()).feedInput(bytes, offset, offset + length);
            Message m = read(parser);
            // Dropped unless it stopped right after one whole object with nothing left over.
            if (m == null || !parser.getNonBlockingInputFeeder().needMoreInput() || ++uses >= REUSES) {
                drop();
            }
            return m;
        } catch (IOException | RuntimeException e) {
            // The tree path says what is wrong, in its own words.
            drop();
            return null;
        } finally {
            id = null;
            from = null;
            to = null;
            broadcast = false;
            stamp = null;
            stampOrd = null;
            content = null;
            extras = null;
            seen = 0;
            busy = false;
        }
    }

    private void drop() {
        JsonParser p = parser;
        parser = null;
        if (p != null) {
            try {
                p.close();
            } catch (IOException | RuntimeException e) {
                // Closing only hands its buffers and learnt names back to Jackson.
            }
        }
    }

    /** The message, or null when the tree path must decide. */
    private Message read(JsonParser p) throws IOException {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            return null;
        }
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            if (!field(name, p)) {
                return null;
            }
        }
        // Whatever follows the object is ignored, as readTree ignores it.
        if (t != JsonToken.END_OBJECT) {
            return null;
        }
        // Null when the fields break the envelope rule: the tree path then says what is wrong.
        return Message.fromEnvelope(id, from, to, broadcast, stamp, stampOrd, content, extras);
    }

    /** Reads the value of one key; false when its shape is for the tree path. */
    private boolean field(String name, JsonParser p) throws IOException {
        switch (name) {
            case "id":
                if (!first(ID) || !stringOrNull(p)) {
                    return false;
                }
                id = p.currentToken() == JsonToken.VALUE_NULL ? null : p.getText();
                return true;
            case "from":
                if (!first(FROM) || p.currentToken() != JsonToken.VALUE_STRING) {
                    return false;
                }
                from = p.getText();
                return true;
            case "to":
                if (!first(TO) || !stringOrNull(p)) {
                    return false;
                }
                to = p.currentToken() == JsonToken.VALUE_NULL ? null : p.getText();
                return true;
            case "broadcast":
                return first(BROADCAST) && broadcast(p);
            case "stamp":
                return first(STAMP) && stamp(p);
            case "stamp_ord":
                return first(STAMP_ORD) && stampOrd(p);
            case "content":
                if (!first(CONTENT)) {
                    return false;
                }
                content = Json.mapper().readTree(new WholeInputParser(p));
                return true;
            default:
                if (extras == null) {
                    extras = new LinkedHashMap<>();
                } else if (extras.containsKey(name)) {
                    return false;
                }
                extras.put(name, Json.mapper().readTree(new WholeInputParser(p)));
                return true;
        }
    }

    /** Perl's truth of the flag, for the shapes {@link Json#truthy} gives a plain answer on. */
    private boolean broadcast(JsonParser p) throws IOException {
        switch (p.currentToken()) {
            case VALUE_TRUE:
                broadcast = true;
                return true;
            case VALUE_FALSE:
            case VALUE_NULL:
                broadcast = false;
                return true;
            case VALUE_STRING:
                String s = p.getText();
                broadcast = !s.isEmpty() && !s.equals("0");
                return true;
            case VALUE_NUMBER_INT:
                if (!fitsLong(p)) {
                    return false;
                }
                broadcast = p.getLongValue() != 0;
                return true;
            default:
                return false;
        }
    }

    /** The stamp exactly as the tree's number node would give it (no string stamps here). */
    private boolean stamp(JsonParser p) throws IOException {
        switch (p.currentToken()) {
            case VALUE_NUMBER_FLOAT:
                stamp = p.getDecimalValue();
                return true;
            case VALUE_NUMBER_INT:
                if (!fitsLong(p)) {
                    return false;
                }
                stamp = BigDecimal.valueOf(p.getLongValue());
                return true;
            case VALUE_NULL:
                stamp = null;
                return true;
            default:
                return false;
        }
    }

    private boolean stampOrd(JsonParser p) throws IOException {
        switch (p.currentToken()) {
            case VALUE_NUMBER_INT:
                if (!fitsLong(p)) {
                    return false;
                }
                stampOrd = p.getLongValue();
                return true;
            case VALUE_NUMBER_FLOAT:
                stampOrd = p.getDecimalValue().longValue();
                return true;
            case VALUE_NULL:
                stampOrd = null;
                return true;
            default:
                return false;
        }
    }

    private static boolean fitsLong(JsonParser p) throws IOException {
        JsonParser.NumberType type = p.getNumberType();
        return type == JsonParser.NumberType.INT || type == JsonParser.NumberType.LONG;
    }

    private static boolean stringOrNull(JsonParser p) {
        JsonToken t = p.currentToken();
        return t == JsonToken.VALUE_STRING || t == JsonToken.VALUE_NULL;
    }

    /** Marks a key as read; false the second time, since the tree keeps the last value. */
    private boolean first(int key) {
        if ((seen & key) != 0) {
            return false;
        }
        seen |= key;
        return true;
    }
}
