package dev.ipcm.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Generated JSON values that cover what a store can damage: every shape, nested; integers from
 * small to far beyond 64 bits; decimals with up to 40 digits and exponents beyond a double's
 * range; text with characters from every Unicode plane, control characters and escapes.
 */
final class JsonArbitraries {
    private static final JsonNodeFactory NODES = FidelityContents.NODES;
    private static final BigInteger HUGE = BigInteger.TEN.pow(40);

    private JsonArbitraries() {}

    /** Any JSON value up to {@code depth} levels of arrays and objects. */
    static Arbitrary<JsonNode> values(int depth) {
        if (depth == 0) {
            return leaves();
        }
        Arbitrary<JsonNode> inner = Arbitraries.lazy(() -> values(depth - 1));
        return Arbitraries.frequencyOf(Tuple.of(3, leaves()), Tuple.of(1, arrays(inner)), Tuple.of(1, objects(inner)));
    }

    static Arbitrary<JsonNode> leaves() {
        return Arbitraries.frequencyOf(Tuple.of(3, texts().map(NODES::textNode)), Tuple.of(2, integers()),
                Tuple.of(2, decimals()), Tuple.of(1, Arbitraries.of(true, false).map(NODES::booleanNode)),
                Tuple.of(1, Arbitraries.just(NODES.nullNode())));
    }

    /** Small ints, the 64-bit edges, and integers of up to 40 digits. */
    static Arbitrary<JsonNode> integers() {
        return Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.integers().map(NODES::numberNode)),
                Tuple.of(1, Arbitraries.of(Long.MAX_VALUE, Long.MIN_VALUE, (1L << 53) + 1, -(1L << 53) - 1).map(NODES::numberNode)),
                Tuple.of(2, Arbitraries.bigIntegers().between(HUGE.negate(), HUGE).map(NODES::numberNode)));
    }

    /** Decimals of up to 40 digits with exponents from -400 to 400. */
    static Arbitrary<JsonNode> decimals() {
        return Combinators.combine(Arbitraries.bigIntegers().between(HUGE.negate(), HUGE),
                Arbitraries.integers().between(-400, 400)).as((digits, scale) -> NODES.numberNode(new BigDecimal(digits, scale)));
    }

    /** Strings of code points from ASCII, the BMP (no lone surrogates) and the 16 supplementary planes. */
    static Arbitrary<String> texts() {
        Arbitrary<Integer> codePoints = Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.integers().between(0x20, 0x7e)),
                Tuple.of(1, Arbitraries.integers().between(0, 0x1f)),
                Tuple.of(2, Arbitraries.integers().between(0x80, 0xd7ff)),
                Tuple.of(1, Arbitraries.integers().between(0xe000, 0xffff)),
                Tuple.of(2, Arbitraries.integers().between(0x10000, 0x10ffff)));
        return codePoints.list().ofMaxSize(40).map(JsonArbitraries::string);
    }

    private static String string(List<Integer> codePoints) {
        StringBuilder s = new StringBuilder();
        codePoints.forEach(s::appendCodePoint);
        return s.toString();
    }

    private static Arbitrary<JsonNode> arrays(Arbitrary<JsonNode> elements) {
        return elements.list().ofMaxSize(5).map(list -> {
            ArrayNode a = NODES.arrayNode();
            list.forEach(a::add);
            return a;
        });
    }

    private static Arbitrary<JsonNode> objects(Arbitrary<JsonNode> values) {
        return Combinators.combine(texts(), values).as(Tuple::of).list().ofMaxSize(5).map(entries -> {
            ObjectNode o = NODES.objectNode();
            entries.forEach(e -> o.set(e.get1(), e.get2()));
            return o;
        });
    }
}
