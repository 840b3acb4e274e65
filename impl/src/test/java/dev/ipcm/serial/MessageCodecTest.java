package dev.ipcm.serial;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.BinaryNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.FloatNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.POJONode;
import com.fasterxml.jackson.databind.node.ShortNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.ipcm.ContentException;
import dev.ipcm.Message;
import dev.ipcm.RawMessages;
import dev.ipcm.internal.Json;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * The streaming codec against the tree path it replaces: the same bytes out, and the same
 * message (or the same exception, word for word) in.
 */
class MessageCodecTest {
    private static final Serializer ZSTD = new ZstdJsonSerializer();

    @Property(tries = 500)
    void encodingIsByteForByteTheTreePath(@ForAll("messages") Message m) {
        byte[] tree = Json.encode(m.toJson());
        assertThat(MessageCodec.encode(m)).isEqualTo(tree);
        assertThat(JsonSerializer.INSTANCE.serializeMessage(m)).isEqualTo(tree);
        assertThat(ZSTD.serializeMessage(m)).isEqualTo(ZSTD.serialize(m.toJson()));
    }

    @Property(tries = 500)
    void decodingGivesTheTreePathsMessage(@ForAll("messages") Message m) {
        byte[] bytes = Json.encode(m.toJson());
        assertSameOutcome(bytes);
        byte[] compressed = ZSTD.serialize(m.toJson());
        assertSameOutcome(bytes, () -> Message.fromJson(ZSTD.deserialize(compressed)), () -> ZSTD.deserializeMessage(compressed));
    }

    @Test
    void contentThatCannotBeWrittenFailsAsBefore() {
        Message m = Message.builder("a").to("b").content(Map.of("k", 1)).extra("x", new POJONode(Optional.of(2))).build();
        Throwable tree = org.assertj.core.api.Assertions.catchThrowable(() -> Json.encode(m.toJson()));
        assertThat(tree).isInstanceOf(ContentException.class);
        for (Serializer s : List.of(JsonSerializer.INSTANCE, ZSTD)) {
            Throwable streamed = org.assertj.core.api.Assertions.catchThrowable(() -> s.serializeMessage(m));
            assertThat(streamed).isInstanceOf(ContentException.class).hasMessage(tree.getMessage());
        }
        // and the thread's writer is usable again afterwards
        Message ok = Message.builder("a").to("b").content(Map.of("k", 1)).build();
        assertThat(MessageCodec.encode(ok)).isEqualTo(Json.encode(ok.toJson()));
    }

    /**
     * Damaged wire objects (a byte changed or inserted, the end cut off) fail, or succeed,
     * exactly as before: the streaming parser must not accept what the tree's parser refuses.
     */
    @Property(tries = 1500)
    void damagedInputHasTheTreePathsOutcome(@ForAll("messages") Message m, @ForAll @IntRange(max = 10_000) int where,
            @ForAll("damage") byte replacement, @ForAll @IntRange(max = 2) int how) {
        byte[] bytes = Json.encode(m.toJson());
        int at = where % bytes.length;
        byte[] damaged;
        if (how == 0) {
            damaged = java.util.Arrays.copyOf(bytes, at);
        } else if (how == 1) {
            damaged = bytes.clone();
            damaged[at] = replacement;
        } else {
            damaged = new byte[bytes.length + 1];
            System.arraycopy(bytes, 0, damaged, 0, at);
            damaged[at] = replacement;
            System.arraycopy(bytes, at, damaged, at + 1, bytes.length - at);
        }
        assertSameOutcome(damaged);
    }

    /**
     * Every cut of a message whose content nests containers fails as the tree path does. The
     * streaming reader's tree step once took "no more input" inside a nested value for a value,
     * forever, and filled the heap (the property above found it after 1,500 random tries on a CI
     * run); this walks every cut point of such a message, so that case is always met.
     */
    @Test
    void everyCutInsideNestedContentHasTheTreePathsOutcome() {
        Message m = Message.builder("alice").to("bob")
                .content(Map.of("k", List.of(1, "x", Map.of("z", 2.5, "w", List.of(List.of()))))).extra("e", Map.of("f", List.of(1)))
                .build();
        byte[] bytes = Json.encode(m.toJson());
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(60), () -> {
            for (int cut = 0; cut < bytes.length; cut++) {
                assertSameOutcome(java.util.Arrays.copyOf(bytes, cut));
            }
        });
    }

    @Test
    void oddShapesHaveTheTreePathsOutcome() {
        String ok = "\"id\":\"X\",\"stamp\":1.5,";
        List<String> cases = new ArrayList<>(List.of(
                "", " ", "[1]", "null", "1", "\"s\"", "{", "{}", "{\"from\":\"a\"", "{\"from\":\"a\",}",
                "{\"from\":\"a\",\"to\":\"b\",\"content\":1} trailing",
                "{\"from\":\"a\",\"to\":\"b\",\"content\":1}{\"x\":1}",
                "\ufeff{\"from\":\"a\",\"to\":\"b\",\"content\":1}",
                "{\"from\":1,\"to\":\"b\",\"content\":1}",
                "{\"from\":true,\"to\":\"b\",\"content\":1}",
                "{\"from\":[1],\"to\":\"b\",\"content\":1}",
                "{\"from\":null,\"to\":\"b\",\"content\":1}",
                "{\"from\":\"\",\"to\":\"b\",\"content\":1}",
                "{\"from\":\"0\",\"to\":\"b\",\"content\":1}",
                "{\"from\":\"a\",\"to\":2,\"content\":1}",
                "{\"from\":\"a\",\"to\":{\"x\":1},\"content\":1}",
                "{\"from\":\"a\",\"to\":\"\",\"content\":1}",
                "{\"from\":\"a\",\"to\":null,\"content\":1}",
                "{\"from\":\"a\",\"content\":1}",
                "{\"from\":\"a\",\"to\":\"b\"}",
                "{\"from\":\"a\",\"to\":\"b\",\"content\":null}",
                "{\"from\":\"a\",\"to\":\"b\",\"content\":1,\"from\":\"c\"}",
                "{\"from\":\"a\",\"to\":\"b\",\"content\":1,\"content\":2}",
                "{\"from\":\"a\",\"to\":\"b\",\"content\":1,\"x\":1,\"x\":2,\"y\":3}",
                "{\"from\":\"a\",\"to\":\"b\",\"content\":1,\"stamp\":\"1.5\"}",
                "{\"from\":\"a\",\"to\":\"b\",\"content\":1,\"stamp\":\" 1.5 \"}",
                "{\"from\":\"a\",\"to\":\"b\",\"content\":1,\"stamp\":\"abc\"}",
                "{\"from\":\"a\",\"to\":\"b\",\"content\":1,\"stamp\":[1]}",
                "{\"from\":\"a\",\"to\":\"b\",\"content\":1,\"stamp\":true}",
                "{\"from\":\"a\",\"to\":\"b\",\"content\":1,\"stamp\":null}",
                "{\"from\":\"a\",\"to\":\"b\",\"content\":1,\"id\":null}",
                "{\"from\":\"a\",\"to\":\"b\",\"content\":1,\"id\":7}",
                "{\"from\":\"a\",\"to\":\"b\",\"content\":1,\"id\":[7]}",
                "{\"from\":\"a\",\"to\":\"b\",\"content\":{\"terminate\":1}}"));
        for (String extra : List.of("\"stamp\":17", "\"stamp\":-0", "\"stamp\":123456789012345678901234567890",
                "\"stamp\":1e3", "\"stamp\":1.50E-2", "\"stamp\":1795433111.301610",
                "\"stamp_ord\":3", "\"stamp_ord\":3.7", "\"stamp_ord\":-2", "\"stamp_ord\":null", "\"stamp_ord\":\"3\"",
                "\"stamp_ord\":123456789012345678901234567890", "\"stamp_ord\":[]",
                "\"x\":null", "\"x\":{\"a\":[1,2.50,\"\\u00e9\"]},\"y\":\"\\ud83d\\ude00\"", "\"ID\":1")) {
            cases.add("{" + ok + "\"from\":\"a\",\"to\":\"b\",\"content\":1," + extra + "}");
        }
        for (String flag : List.of("1", "0", "2", "-1", "\"\"", "\"0\"", "\"1\"", "\"00\"", "0.0", "1.5", "[]", "{}",
                "true", "false", "null", "123456789012345678901234567890")) {
            cases.add("{" + ok + "\"from\":\"a\",\"content\":1,\"broadcast\":" + flag + "}");
            cases.add("{" + ok + "\"from\":\"a\",\"to\":\"b\",\"content\":1,\"broadcast\":" + flag + "}");
        }
        for (String value : List.of("-0", "0", "-0.0", "0.10", "1.0e5", "1E5", "01", "-01", "1.", ".5", "-", "- 1", "+1",
                "123456789012345678", "1234567890123456789", "12345678901234567.8", "1234567890123456789.5",
                "2147483647", "2147483648", "-2147483648", "-2147483649", "9223372036854775807", "tru", "nul", "nulll",
                "truex", "true1", "\"\\/\\b\\f\\n\\r\\t\\\"\\\\\"", "\"\\u00E9\\u00e9\\uD83D\\uDE00\"", "\"\\ud83d\"",
                "\"\\u12\"", "\"\\u12g4\"", "\"\\x\"", "\"a\tb\"", "\"a\u0001b\"", "\"\u00e9\"", "\"a\u007fb\"",
                "{\"a\":1,\"a\":2}", "{\"a\":1,\"b\":{\"a\":[]}}", "{\"\\u0061\":1}", "{\"a\" : [ 1 , 2 ] }", "[1,]", "[,1]",
                "{\"a\":1,}", "{,}", "[1 2]", "{\"a\" 1}", "{1:2}", "[]", "{}", "\"\"", "[[[[[[[[[[]]]]]]]]]]",
                "[".repeat(300) + "]".repeat(300), "[".repeat(1200) + "]".repeat(1200))) {
            assertSameOutcome(("{\"id\":\"X\",\"stamp\":1.5,\"from\":\"a\",\"to\":\"b\",\"content\":" + value + "}")
                    .getBytes(StandardCharsets.UTF_8));
            assertSameOutcome(("{\"id\":\"X\",\"stamp\":1.5,\"from\":\"a\",\"to\":\"b\",\"content\":1,\"x\":" + value + "}")
                    .getBytes(StandardCharsets.UTF_8));
        }
        for (String c : List.of(" \t\r\n{ \"from\" : \"a\" , \"to\":\"b\",\"content\":1 } \n",
                "{\"\\u0066rom\":\"a\",\"to\":\"b\",\"content\":1,\"stamp\":1.5,\"id\":\"X\"}",
                "{\"id\":\"X\",\"stamp\":1.5,\"from\":\"a\\u00e9\",\"to\":\"b\\/c\",\"content\":1}",
                "{\"id\":\"X\",\"stamp\":1.5,\"from\":\"a\",\"to\":\"b\",\"content\":1,\"\\u0066rom\":2}",
                "{\"id\":\"X\",\"stamp\":1.5,\"from\":\"a\",\"to\":\"b\",\"content\":1,\"" + "k".repeat(2000) + "\":2}",
                "{\"id\":\"X\",\"stamp\":1.5,\"from\":\"a\",\"to\":\"b\",\"content\":1}\u0000",
                "\u0000{\"id\":\"X\",\"stamp\":1.5,\"from\":\"a\",\"to\":\"b\",\"content\":1}")) {
            assertSameOutcome(c.getBytes(StandardCharsets.UTF_8));
        }
        for (String c : cases) {
            assertSameOutcome(c.getBytes(StandardCharsets.UTF_8));
        }
    }

    /**
     * Content of the common node types (no doubles, floats, POJOs or binary) is written and read
     * without Jackson's generator and parser, and still exactly as the tree path does.
     */
    @Property(tries = 500)
    void commonContentTakesTheDirectPathsWithTheTreePathsResult(@ForAll("plainMessages") Message m) {
        byte[] tree = Json.encode(m.toJson());
        EnvelopeBytesWriter writer = new EnvelopeBytesWriter();
        assertThat(writer.write(m)).isTrue();
        assertThat(java.util.Arrays.copyOf(writer.buffer(), writer.size())).isEqualTo(tree);
        Message direct = EnvelopeBytesReader.read(tree, 0, tree.length);
        assertThat(direct).isNotNull();
        assertSame(direct, treeDecode(tree), false);
    }

    /** Strings long enough for the eight-byte scans (and the writer's runs), with a character that needs care at any place. */
    @Property(tries = 300)
    void longStringsWithOneSpecialCharacterAnywhere(@ForAll @IntRange(max = 700) int length, @ForAll @IntRange(max = 700) int where,
            @ForAll("specials") char special) {
        StringBuilder text = new StringBuilder("abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-_.~ !#$%&'()*+,/:;<=>?@[]^`{|}\u007f"
                .repeat(8).substring(0, length));
        text.insert(Math.min(where, length), special);
        Message m = Message.builder("a").to("b").content(Map.of("k", text.toString())).build();
        byte[] tree = Json.encode(m.toJson());
        assertThat(MessageCodec.encode(m)).isEqualTo(tree);
        assertSame(MessageCodec.decode(tree), m, false);
        String wire = new String(tree, StandardCharsets.US_ASCII);
        // and the same text as Perl may write it: raw "/" escaped, upper-case hex
        byte[] perl = wire.replace("/", "\\/").replace("\\u00e9", "\\u00E9").getBytes(StandardCharsets.US_ASCII);
        assertSameOutcome(perl);
        assertSameOutcome(wire.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void aCustomSerializerStillGetsTheTreeThroughTheDefaults() {
        List<JsonNode> seen = new ArrayList<>();
        Serializer custom = new Serializer() {
            @Override
            public String referenceName() {
                return "Test::Tree";
            }

            @Override
            public JsonNode infoSpec() {
                return TextNode.valueOf(referenceName());
            }

            @Override
            public byte[] serialize(JsonNode value) {
                seen.add(value);
                return Json.encode(value);
            }

            @Override
            public JsonNode deserialize(byte[] bytes) {
                return Json.decode(bytes);
            }
        };
        Message m = Message.builder("a").to("b").content(Map.of("k", "v")).extra("x", 1).build();
        byte[] bytes = custom.serializeMessage(m);
        assertThat(seen).containsExactly(m.toJson());
        assertSame(custom.deserializeMessage(bytes), m, false);
    }

    /** Each thread has its own buffer and generator; concurrent encodes never mix. */
    @Test
    void concurrentEncodesStayApart() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 2_000; i++) {
                        Message m = Message.builder("t" + thread).to("r").content("x".repeat(i % 300)).build();
                        assertThat(MessageCodec.encode(m)).isEqualTo(Json.encode(m.toJson()));
                        assertSame(MessageCodec.decode(MessageCodec.encode(m)), m, false);
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void largeMessagesPastTheKeptBufferRoundTrip() {
        Message m = Message.builder("a").to("b").content("\u00e9".repeat(100_000)).build();
        byte[] bytes = MessageCodec.encode(m);
        assertThat(bytes).isEqualTo(Json.encode(m.toJson()));
        assertSame(MessageCodec.decode(bytes), m, false);
        assertThat(ZSTD.serializeMessage(m)).isEqualTo(ZSTD.serialize(m.toJson()));
        assertSame(ZSTD.deserializeMessage(ZSTD.serializeMessage(m)), m, false);
        // and the small ones after it still use (and fit) the trimmed buffers
        Message small = Message.builder("a").to("b").content(1).build();
        assertThat(MessageCodec.encode(small)).isEqualTo(Json.encode(small.toJson()));
    }

    /** The thread's parser is fed message after message; one that ends oddly must not spoil the next. */
    @Test
    void aMessageAfterAnOddOneIsReadCleanly() {
        Message m = Message.builder("a").to("b").content(Map.of("k", List.of(1, "\u00e9"))).build();
        byte[] good = MessageCodec.encode(m);
        String text = new String(good, StandardCharsets.US_ASCII);
        List<String> odd = List.of(text + "  ", text + "{\"from\":", text.substring(0, text.length() - 5), "{\"from\":\"x\"",
                "{\"content\":{\"a\":[1,", "", "[", text.replace("\"from\"", "\"from\":1,\"x\""));
        for (int round = 0; round < 3; round++) {
            for (String o : odd) {
                assertSameOutcome(o.getBytes(StandardCharsets.US_ASCII));
                assertSame(MessageCodec.decode(good), m, false);
            }
        }
        for (int i = 0; i < 3_000; i++) {
            // past the parser's renewal, with new content keys each time
            Message each = Message.builder("a").to("b").content(Map.of("k" + i, i)).build();
            assertSame(MessageCodec.decode(MessageCodec.encode(each)), each, false);
        }
    }

    @Test
    void decodingAnArraySliceReadsOnlyThatSlice() {
        Message m = Message.builder("a").to("b").content(List.of(1, 2)).build();
        byte[] bytes = MessageCodec.encode(m);
        byte[] padded = new byte[bytes.length + 10];
        System.arraycopy(bytes, 0, padded, 5, bytes.length);
        assertSame(MessageCodec.decode(padded, 5, bytes.length), m, false);
    }

    // ==== the comparison ====================================================================

    private static Message treeDecode(byte[] bytes) {
        return Message.fromJson(Json.decode(bytes));
    }

    private static void assertSameOutcome(byte[] bytes) {
        assertSameOutcome(bytes, () -> treeDecode(bytes), () -> MessageCodec.decode(bytes));
    }

    /**
     * Both paths throw the same exception with the same message, or give the same message;
     * {@code bytes} is the JSON the two read.
     */
    private static void assertSameOutcome(byte[] bytes, java.util.function.Supplier<Message> tree,
            java.util.function.Supplier<Message> streamed) {
        Object expected;
        try {
            expected = tree.get();
        } catch (RuntimeException e) {
            expected = e;
        }
        Object actual;
        try {
            actual = streamed.get();
        } catch (RuntimeException e) {
            actual = e;
        }
        String input = new String(bytes, StandardCharsets.UTF_8);
        if (expected instanceof RuntimeException) {
            assertThat(actual).as(input).isInstanceOf(RuntimeException.class);
            assertThat(actual.getClass()).as(input).isEqualTo(expected.getClass());
            assertThat(((RuntimeException) actual).getMessage()).as(input).isEqualTo(((RuntimeException) expected).getMessage());
            return;
        }
        assertThat(actual).as(input).isInstanceOf(Message.class);
        JsonNode wire = Json.decode(bytes);
        // Without an id or a stamp on the wire, both paths make a fresh one; those cannot match.
        boolean generated = !wire.hasNonNull("id") || !wire.hasNonNull("stamp");
        assertSame((Message) actual, (Message) expected, generated);
    }

    /** Every field, extras and the stamp's scale included ({@link Message#equals} skips some). */
    private static void assertSame(Message actual, Message expected, boolean skipGenerated) {
        if (!skipGenerated) {
            assertThat(actual.id()).isEqualTo(expected.id());
            assertThat(actual.stamp()).isEqualTo(expected.stamp());
        }
        assertThat(actual.from()).isEqualTo(expected.from());
        assertThat(actual.toOrNull()).isEqualTo(expected.toOrNull());
        assertThat(actual.isBroadcast()).isEqualTo(expected.isBroadcast());
        assertThat(actual.stampOrd()).isEqualTo(expected.stampOrd());
        assertThat(actual.content()).isEqualTo(expected.content());
        assertThat(Json.encode(actual.content())).isEqualTo(Json.encode(expected.content()));
        assertThat(new ArrayList<>(actual.extras().entrySet())).isEqualTo(new ArrayList<>(expected.extras().entrySet()));
    }

    // ==== generators ========================================================================

    @Provide
    Arbitrary<Byte> damage() {
        return Arbitraries.oneOf(
                Arbitraries.of((byte) '"', (byte) '{', (byte) '}', (byte) '[', (byte) ']', (byte) ',', (byte) ':',
                        (byte) '0', (byte) '-', (byte) '.', (byte) 'e', (byte) 'x', (byte) ' ', (byte) '\\', (byte) '/',
                        (byte) 0xC3, (byte) 0x80, (byte) 0xFF, (byte) 0xEF, (byte) 0, (byte) 1, (byte) 0x7F),
                Arbitraries.bytes());
    }

    @Provide
    Arbitrary<Message> messages() {
        Arbitrary<String> names = Arbitraries.oneOf(
                Arbitraries.strings().alpha().numeric().withChars('-', '_').ofMinLength(1).ofMaxLength(12),
                Arbitraries.strings().all().ofMaxLength(12));
        Arbitrary<String> ids = Arbitraries.oneOf(Arbitraries.create(dev.ipcm.internal.MessageIds::next), names);
        Arbitrary<BigDecimal> stamps = Arbitraries.oneOf(
                Arbitraries.longs().between(0, 4_000_000_000_000_000L).map(v -> BigDecimal.valueOf(v, 6)),
                Arbitraries.bigDecimals().between(new BigDecimal("-1e12"), new BigDecimal("1e12")).ofScale(3),
                Arbitraries.longs().map(BigDecimal::valueOf),
                Arbitraries.of(new BigDecimal("1E+3"), new BigDecimal("1.50"), new BigDecimal("0.000")));
        Arbitrary<Long> ords = Arbitraries.oneOf(Arbitraries.longs(), Arbitraries.longs().between(0, 5)).injectNull(0.3);
        Arbitrary<Map<String, JsonNode>> extras = Arbitraries.maps(
                        names.filter(k -> !Message.isEnvelopeKey(k)), json(2))
                .ofMaxSize(3).map(m -> m.isEmpty() ? Map.<String, JsonNode>of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(m)))
                .injectDuplicates(0);
        return Combinators.combine(ids, names, names.injectNull(0.2), Arbitraries.of(true, false), stamps, ords,
                        json(3).filter(c -> !c.isNull()), extras)
                .as((id, from, to, broadcast, stamp, ord, content, extra) ->
                        RawMessages.of(id, from, to, broadcast, stamp, ord, content, extra));
    }

    @Provide
    Arbitrary<Character> specials() {
        return Arbitraries.of('"', '\\', '\n', '\t', '\b', '\f', '\r', '\u0000', '\u001f', '\u007f', '/', '\u0080', '\u00e9',
                '\u00ff', '\u0100', '\u20ac', '\ud83d', '\ude00', '\uffff', 'x');
    }

    @Provide
    Arbitrary<Message> plainMessages() {
        // Keys with an escaped surrogate are left to Jackson, which may refuse them.
        Arbitrary<String> names = Arbitraries.strings().all().ofMinLength(1).ofMaxLength(12)
                .filter(n -> !n.equals("0") && n.chars().noneMatch(c -> Character.isSurrogate((char) c)));
        Arbitrary<BigDecimal> stamps = Arbitraries.oneOf(
                Arbitraries.longs().between(0, 4_000_000_000_000_000L).map(v -> BigDecimal.valueOf(v, 6)),
                Arbitraries.longs().between(-999_999_999_999L, 999_999_999_999L).map(v -> BigDecimal.valueOf(v, 3)),
                Arbitraries.longs().between(-999_999_999_999_999_999L, 999_999_999_999_999_999L).map(BigDecimal::valueOf))
                // A stamp below 1e-04 is written with an exponent, as Perl writes it: the direct reader's not to take.
                .filter(dev.ipcm.internal.PerlNumbers::isPlain);
        Arbitrary<Long> ords = Arbitraries.longs().between(-999_999_999_999_999_999L, 999_999_999_999_999_999L).injectNull(0.3);
        Arbitrary<Map<String, JsonNode>> extras = Arbitraries.maps(names.filter(k -> !Message.isEnvelopeKey(k)), plainJson(2))
                .ofMaxSize(3).map(m -> m.isEmpty() ? Map.<String, JsonNode>of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(m)));
        return Combinators.combine(Arbitraries.create(dev.ipcm.internal.MessageIds::next), names, names.injectNull(0.2),
                        Arbitraries.of(true, false), stamps, ords, plainJson(3).filter(c -> !c.isNull()), extras)
                .as((id, from, to, broadcast, stamp, ord, content, extra) ->
                        RawMessages.of(id, from, to, broadcast || to == null, stamp, ord, content, extra));
    }

    /** What Perl and this library write and the direct paths take: no exponents, at most 18 digits. */
    private static Arbitrary<JsonNode> plainJson(int depth) {
        Arbitrary<JsonNode> leaf = Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(30).map(TextNode::valueOf),
                longText().map(TextNode::valueOf),
                Arbitraries.integers().map(IntNode::valueOf),
                Arbitraries.longs().between(-999_999_999_999_999_999L, 999_999_999_999_999_999L)
                        .filter(v -> v != v.intValue()).map(LongNode::valueOf),
                Arbitraries.longs().between(-999_999_999_999_999L, 999_999_999_999_999L).flatMap(v ->
                        Arbitraries.integers().between(1, 3).map(sc -> (JsonNode) DecimalNode.valueOf(BigDecimal.valueOf(v, sc)))),
                Arbitraries.of(BooleanNode.TRUE, BooleanNode.FALSE, NullNode.instance));
        if (depth == 0) {
            return leaf;
        }
        Arbitrary<JsonNode> inner = plainJson(depth - 1);
        Arbitrary<String> keys = Arbitraries.strings().all().ofMaxLength(8)
                .filter(n -> n.chars().noneMatch(c -> Character.isSurrogate((char) c)));
        return leavesAndContainers(leaf, keys, inner);
    }

    /** Mostly plain ASCII, long enough for the eight-byte scan, now and then a character that needs care. */
    private static Arbitrary<String> longText() {
        return Arbitraries.strings().withCharRange(' ', '\u007f').withChars('"', '\\', '\n', '\u00e9', '\ud83d', '\u2028')
                .ofMinLength(8).ofMaxLength(120);
    }

    private static Arbitrary<JsonNode> json(int depth) {
        Arbitrary<JsonNode> leaf = Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(30).map(TextNode::valueOf),
                Arbitraries.strings().ascii().ofMaxLength(30).map(TextNode::valueOf),
                longText().map(TextNode::valueOf),
                Arbitraries.integers().map(IntNode::valueOf),
                Arbitraries.shorts().map(ShortNode::valueOf),
                Arbitraries.longs().map(LongNode::valueOf),
                Arbitraries.bigIntegers().between(BigInteger.TEN.pow(30).negate(), BigInteger.TEN.pow(30)).map(BigIntegerNode::valueOf),
                Arbitraries.bigDecimals().between(new BigDecimal("-1e9"), new BigDecimal("1e9")).ofScale(4).map(DecimalNode::valueOf),
                Arbitraries.doubles().map(DoubleNode::valueOf),
                Arbitraries.floats().map(FloatNode::valueOf),
                Arbitraries.of(BooleanNode.TRUE, BooleanNode.FALSE, NullNode.instance),
                // Not streamed: these take the tree path, which must still give its bytes.
                Arbitraries.of(BinaryNode.valueOf(new byte[] {1, 2, 3}), new POJONode(List.of("p", 1)))
                        .map(n -> (JsonNode) n).withoutEdgeCases());
        if (depth == 0) {
            return leaf;
        }
        Arbitrary<JsonNode> inner = json(depth - 1);
        return leavesAndContainers(leaf, Arbitraries.strings().all().ofMaxLength(8), inner);
    }

    /** Leaves, and objects and arrays of up to four {@code inner} values, weighted 3 : 2 : 1. */
    private static Arbitrary<JsonNode> leavesAndContainers(Arbitrary<JsonNode> leaf, Arbitrary<String> keys,
            Arbitrary<JsonNode> inner) {
        Arbitrary<JsonNode> objects = Arbitraries.maps(keys, inner).ofMaxSize(4)
                .map(m -> {
                    ObjectNode o = Json.mapper().createObjectNode();
                    m.forEach(o::set);
                    return o;
                });
        Arbitrary<JsonNode> arrays = inner.list().ofMaxSize(4).map(l -> {
            ArrayNode a = Json.mapper().createArrayNode();
            l.forEach(a::add);
            return a;
        });
        return Arbitraries.frequencyOf(Tuple.of(3, leaf), Tuple.of(2, objects), Tuple.of(1, arrays));
    }
}
