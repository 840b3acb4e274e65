package dev.ipcm.internal;

import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.ipcm.ContentException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apiguardian.api.API;

/**
 * The one JSON codec of ipcm, configured to write what IPC::Manager writes.
 *
 * <p>Output is compact and pure 7-bit ASCII (every other character escaped), because the
 * Perl decoder reads bytes as characters; decimals are written as {@link PerlNumbers} says, so
 * a Perl peer decodes a number (never a string of digits), and floats are read as
 * {@link java.math.BigDecimal} so a relayed value keeps its exact digits. Escapes use lower-case hex digits ({@code \u00e9}, {@code \ud83d\ude00})
 * because that is what Cpanel::JSON::XS writes: the same value then has the same bytes
 * whichever language wrote it.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class Json {
    // Not JsonWriteFeature.ESCAPE_NON_ASCII: Jackson would then write its own upper-case
    // escapes before consulting the custom ones.
    private static final JsonMapper MAPPER = JsonMapper.builder(
                    new JsonFactoryBuilder()
                            .characterEscapes(new LowerHexEscapes())
                            .addDecorator((factory, generator) -> new PerlNumberGenerator(generator))
                            .build())
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .build();

    private Json() {}

    /** The shared, thread-safe mapper. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Encodes a tree as compact ASCII JSON bytes. */
    public static byte[] encode(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new ContentException("Cannot encode JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Encodes a tree as compact ASCII JSON text. */
    public static String encodeToString(JsonNode node) {
        return new String(encode(node), StandardCharsets.US_ASCII);
    }

    /** Decodes JSON bytes (UTF-8 or ASCII) into a tree; malformed input is a {@link ContentException}. */
    public static JsonNode decode(byte[] bytes) {
        try {
            JsonNode node = MAPPER.readTree(bytes);
            if (node == null || node.isMissingNode()) {
                throw new ContentException("Cannot decode JSON: the input is empty");
            }
            return node;
        } catch (IOException e) {
            throw new ContentException("Cannot decode JSON: " + firstLine(e.getMessage()), e);
        }
    }

    /** Decodes JSON text into a tree. */
    public static JsonNode decode(String text) {
        return decode(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Turns any Java value Jackson can map (a {@link JsonNode}, map, list, record, string,
     * number, boolean) into a tree.
     *
     * @throws ContentException when the value cannot be represented as JSON: not mappable, holding
     *     itself (a cycle), or holding NaN or an infinity
     */
    public static JsonNode toTree(Object value) {
        if (value instanceof JsonNode) {
            return JsonTreeCheck.check((JsonNode) value);
        }
        JsonNode scalar = commonScalar(value);
        if (scalar != null) {
            return scalar;
        }
        String type = value == null ? "null" : value.getClass().getName();
        try {
            return JsonTreeCheck.check(MAPPER.valueToTree(value));
        } catch (IllegalArgumentException e) {
            throw new ContentException("Content of type " + type + " cannot be converted to JSON: "
                    + firstLine(e.getMessage())
                    + "; send a JsonNode, a String, a number, a Map, a List or a Jackson-mappable object", e);
        } catch (StackOverflowError e) {
            // Jackson follows a map or list that contains itself until the stack runs out; the
            // error unwinds only Jackson's frames, so the thread is usable again here.
            throw new ContentException("Content of type " + type + " contains itself (a cycle) or is nested too "
                    + "deeply to convert to JSON; send a copy without the cycle (nothing was sent)");
        }
    }

    /**
     * The node of a String, Integer, Long or Boolean (most requests and answers are one), built
     * directly: the node {@code valueToTree} makes of it, without its token buffer. Null otherwise.
     */
    private static JsonNode commonScalar(Object value) {
        JsonNodeFactory nodes = MAPPER.getNodeFactory();
        if (value instanceof String) {
            return nodes.textNode((String) value);
        }
        if (value instanceof Integer) {
            return nodes.numberNode((Integer) value);
        }
        if (value instanceof Long) {
            return nodes.numberNode((Long) value);
        }
        if (value instanceof Boolean) {
            return nodes.booleanNode((Boolean) value);
        }
        return null;
    }

    /**
     * Perl's truth of a JSON value, which IPC::Manager applies to flags and ids on the wire:
     * null, false, 0, "" and "0" are false; arrays and objects (references) are true.
     */
    public static boolean truthy(JsonNode v) {
        if (v == null || v.isNull() || v.isMissingNode()) {
            return false;
        }
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        if (v.isNumber()) {
            return v.decimalValue().signum() != 0;
        }
        if (v.isTextual()) {
            String s = v.textValue();
            return !s.isEmpty() && !s.equals("0");
        }
        return true;
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "(no detail)";
        }
        int nl = text.indexOf('\n');
        return nl < 0 ? text : text.substring(0, nl);
    }
}
