package dev.ipcm.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ipcm.internal.Json;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Chosen contents that a careless store damages: every JSON shape, numbers a double cannot hold,
 * text from every Unicode plane. Each has a name, so a failure says which one.
 */
final class FidelityContents {
    /** The library's own node factory, which keeps every digit of a decimal. */
    static final JsonNodeFactory NODES = Json.mapper().getNodeFactory();

    private FidelityContents() {}

    /** Every JSON shape, the empty ones included. */
    static Map<String, JsonNode> shapes() {
        Map<String, JsonNode> m = new LinkedHashMap<>();
        m.put("a string", NODES.textNode("string message!"));
        m.put("the empty string", NODES.textNode(""));
        m.put("a number", NODES.numberNode(42));
        m.put("true", NODES.booleanNode(true));
        m.put("false", NODES.booleanNode(false));
        m.put("an empty array", NODES.arrayNode());
        m.put("an empty object", NODES.objectNode());
        ArrayNode array = NODES.arrayNode().add(1).add("two").add(true).addNull().add(NODES.objectNode().put("k", "v"));
        m.put("an array of every shape", array);
        ObjectNode nested = NODES.objectNode();
        nested.putNull("null");
        nested.put("false", false);
        nested.set("deep", NODES.objectNode().set("deeper", NODES.arrayNode().add(NODES.arrayNode().add(NODES.objectNode()))));
        nested.put("", "an empty key");
        m.put("a nested object", nested);
        return m;
    }

    /** Numbers at and beyond 64 bits, decimals with more digits than a double keeps, big and tiny exponents. */
    static Map<String, JsonNode> numbers() {
        Map<String, JsonNode> m = new LinkedHashMap<>();
        m.put("Long.MAX_VALUE", NODES.numberNode(Long.MAX_VALUE));
        m.put("Long.MIN_VALUE", NODES.numberNode(Long.MIN_VALUE));
        m.put("2^53 + 1", NODES.numberNode((1L << 53) + 1));
        m.put("2^64 + 1", NODES.numberNode(BigInteger.TWO.pow(64).add(BigInteger.ONE)));
        m.put("-(10^40) - 7", NODES.numberNode(BigInteger.TEN.pow(40).negate().subtract(BigInteger.valueOf(7))));
        m.put("pi to 50 digits", NODES.numberNode(new BigDecimal("3.14159265358979323846264338327950288419716939937510")));
        m.put("0.1 exactly", NODES.numberNode(new BigDecimal("0.1")));
        m.put("a 30-digit decimal", NODES.numberNode(new BigDecimal("-123456789012345.678901234567891")));
        m.put("1.5e300", NODES.numberNode(new BigDecimal("1.5E+300")));
        m.put("4.9e-324", NODES.numberNode(new BigDecimal("4.9E-324")));
        m.put("1e-400 (below any double)", NODES.numberNode(new BigDecimal("1E-400")));
        m.put("7e+400 (above any double)", NODES.numberNode(new BigDecimal("7E+400")));
        m.put("zero", NODES.numberNode(0));
        return m;
    }

    /** Text from every Unicode plane, escapes JSON must write, and characters that look like separators. */
    static Map<String, JsonNode> texts() {
        Map<String, JsonNode> m = new LinkedHashMap<>();
        m.put("control characters", NODES.textNode("nul\u0000 tab\t nl\n cr\r bell\u0007 del\u007f"));
        m.put("JSON escapes", NODES.textNode("quote\" backslash\\ slash/ \\u0041 not an escape"));
        m.put("Latin-1 and the BMP", NODES.textNode("caf\u00e9 \u00df \u4e2d\u6587 \u0627\u0644\u0639\u0631\u0628\u064a\u0629 \u20ac \ufeff \ufffd"));
        m.put("line and paragraph separators", NODES.textNode("a\u2028b\u2029c"));
        StringBuilder planes = new StringBuilder();
        for (int plane = 1; plane <= 16; plane++) {
            planes.appendCodePoint(plane * 0x10000 + 0x0041).append(' ');
        }
        planes.appendCodePoint(0x1F600).appendCodePoint(0x10FFFD);
        m.put("one character from each plane 1 to 16", NODES.textNode(planes.toString()));
        return m;
    }
}
