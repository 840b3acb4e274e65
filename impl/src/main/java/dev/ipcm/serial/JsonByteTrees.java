package dev.ipcm.serial;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.ipcm.internal.Json;
import java.math.BigDecimal;

/**
 * Reads one JSON value from a {@link JsonByteCursor} into the tree Jackson's tree reader would
 * build: the same node classes, the same {@link BigDecimal} scale, the same key order. A
 * duplicate key or deep nesting is Jackson's to judge ({@link NotMine}).
 */
final class JsonByteTrees {
    /** Jackson refuses deeper nesting (1,000 by default); far below that, no stack trouble either. */
    private static final int MAX_DEPTH = 200;
    private static final JsonNodeFactory NODES = Json.mapper().getNodeFactory();

    private JsonByteTrees() {}

    /** The value at the cursor, as a top-level value. */
    static JsonNode value(JsonByteCursor in) {
        return value(in, 0);
    }

    private static JsonNode value(JsonByteCursor in, int depth) {
        switch (in.peek()) {
            case '"':
                in.skip();
                return TextNode.valueOf(in.string());
            case '{':
                return object(in, depth + 1);
            case '[':
                return array(in, depth + 1);
            case 't':
                in.literal("true");
                return BooleanNode.TRUE;
            case 'f':
                in.literal("false");
                return BooleanNode.FALSE;
            case 'n':
                in.literal("null");
                return NODES.nullNode();
            default:
                if (!in.number()) {
                    throw NotMine.INSTANCE;
                }
                long unscaled = in.unscaled();
                if (in.scale() != 0) {
                    return NODES.numberNode(BigDecimal.valueOf(unscaled, in.scale()));
                }
                // Jackson's number type follows the value: int when it fits, long otherwise.
                return unscaled == (int) unscaled ? NODES.numberNode((int) unscaled) : NODES.numberNode(unscaled);
        }
    }

    private static ObjectNode object(JsonByteCursor in, int depth) {
        ObjectNode node = NODES.objectNode();
        if (empty(in, depth, '}')) {
            return node;
        }
        do {
            in.expect('"');
            String key = in.name();
            in.colon();
            if (node.replace(key, value(in, depth)) != null) {
                throw NotMine.INSTANCE;
            }
        } while (in.more('}'));
        return node;
    }

    private static ArrayNode array(JsonByteCursor in, int depth) {
        ArrayNode node = NODES.arrayNode();
        if (empty(in, depth, ']')) {
            return node;
        }
        do {
            node.add(value(in, depth));
        } while (in.more(']'));
        return node;
    }

    /**
     * Takes the opening bracket of a container at {@code depth} and the white space after it;
     * true when {@code close} follows at once (taken too): the container is empty.
     */
    private static boolean empty(JsonByteCursor in, int depth, char close) {
        if (depth > MAX_DEPTH) {
            throw NotMine.INSTANCE;
        }
        in.skip();
        in.skipSpace();
        if (in.peek() == close) {
            in.skip();
            return true;
        }
        return false;
    }
}
