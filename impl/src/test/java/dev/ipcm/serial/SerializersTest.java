package dev.ipcm.serial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ipcm.ContentException;
import dev.ipcm.UnknownProtocolException;
import dev.ipcm.internal.Json;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SerializersTest {
    @Test
    void jsonIsCompactAsciiWithEscapesForEverythingElse() {
        JsonNode value = Json.decode("{\"hello\":\"w\u00e9rld \ud83d\ude00\"}");
        String text = new String(JsonSerializer.INSTANCE.serialize(value), StandardCharsets.ISO_8859_1);
        assertThat(text).isEqualTo("{\"hello\":\"w\\u00e9rld \\ud83d\\ude00\"}");
        assertThat(text.chars()).allMatch(c -> c < 128);
    }

    /**
     * Each value's expected text is the exact output of IPC::Manager's JSON serializer
     * (Cpanel::JSON::XS, ascii) for the same input, captured when running both side by side:
     * lower-case hex escapes, surrogate pairs for characters above U+FFFF, the short forms for
     * the usual control characters, DEL left raw, '/' not escaped.
     */
    @Test
    void stringEscapesAreByteForByteWhatPerlWrites() {
        String[][] cases = {
            {"\"\\u00E9\"", "\"\\u00e9\""},
            {"\"\\ud83d\\ude00\"", "\"\\ud83d\\ude00\""},
            {"\"\\u001f\\u007f\\u0080\"", "\"\\u001f\u007f\\u0080\""},
            {"\"\\u0000\"", "\"\\u0000\""},
            {"\"a/b\\\\c\\\"d\\n\\t\\r\\b\\f\"", "\"a/b\\\\c\\\"d\\n\\t\\r\\b\\f\""},
            {"\"\\u2028\\uFFFF\"", "\"\\u2028\\uffff\""},
        };
        for (String[] c : cases) {
            assertThat(Json.encodeToString(Json.decode(c[0]))).as(c[0]).isEqualTo(c[1]);
        }
    }

    @Test
    void jsonReadsPerlLowerCaseEscapes() {
        JsonNode value = JsonSerializer.INSTANCE.deserialize("{\"a\":\"\\ud83d\\ude00\"}".getBytes(StandardCharsets.US_ASCII));
        assertThat(value.get("a").textValue()).isEqualTo("\ud83d\ude00");
    }

    @Test
    void decimalsStayPlainAndExact() {
        JsonNode value = Json.decode("{\"stamp\":1795433111.30161,\"big\":1.0}");
        assertThat(Json.encodeToString(value)).isEqualTo("{\"stamp\":1795433111.30161,\"big\":1.0}");
    }

    /**
     * Golden bytes: large and tiny floats go out as Cpanel::JSON::XS writes them (captured from
     * the reference), never as a run of integer digits that Perl would decode as a string; the
     * digits a Java peer sent come back as the same {@link java.math.BigDecimal}, scale and all.
     */
    @Test
    void largeAndTinyFloatsAreWrittenAsPerlWritesThem() {
        String perl = "[1e+20,1.5e+300,1e-07,1e-05,0.0001,1000.0,0.1,2.5,1e+15,123456789012345678]";
        assertThat(Json.encodeToString(Json.decode(perl))).isEqualTo(perl);
        java.util.Map<String, String> javaValues = java.util.Map.of(
                "100000000000000000000", "1.00000000000000000000e+20",
                "1E+20", "1e+20",
                "1.00E+20", "1.00e+20",
                "-1.5E+300", "-1.5e+300",
                "1E-7", "1e-07",
                "0.000012345678901234567890", "1.2345678901234567890e-05",
                "1E+3", "1e+03",
                "0.00010", "0.00010",
                "9223372036854775807", "9223372036854775807");
        javaValues.forEach((decimal, wire) -> {
            java.math.BigDecimal value = new java.math.BigDecimal(decimal);
            String text = Json.encodeToString(Json.mapper().getNodeFactory().numberNode(value));
            assertThat(text).as(decimal).isEqualTo(wire);
            assertThat(Json.decode(text).decimalValue()).as(decimal).isEqualTo(value);
        });
    }

    @Test
    void zstdWritesOneFrameWithItsContentSize() {
        Serializer zstd = Serializers.byName("JSON::Zstd");
        byte[] bytes = zstd.serialize(Json.decode("{\"x\":[1,2,3]}"));
        assertThat(Arrays.copyOf(bytes, 4)).containsExactly(0x28, 0xB5, 0x2F, 0xFD);
        assertThat(com.github.luben.zstd.Zstd.getFrameContentSize(bytes)).isEqualTo(13);
        assertThat(zstd.deserialize(bytes).toString()).isEqualTo("{\"x\":[1,2,3]}");
    }

    @Test
    void zstdReadsFramesWithoutAContentSize() throws Exception {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (com.github.luben.zstd.ZstdOutputStream z = new com.github.luben.zstd.ZstdOutputStream(out)) {
            z.write("{\"streamed\":true}".getBytes(StandardCharsets.US_ASCII));
        }
        assertThat(Serializers.byName("JSON::Zstd").deserialize(out.toByteArray()).get("streamed").booleanValue()).isTrue();
    }

    @Test
    void zstdInfoSpecOmitsDefaults() {
        assertThat(new ZstdJsonSerializer().infoSpec().toString()).isEqualTo("[\"IPC::Manager::Serializer::JSON::Zstd\"]");
        assertThat(Serializers.fromSpec(Json.decode("[\"JSON::Zstd\",\"level\",9]")).infoSpec().toString())
                .isEqualTo("[\"IPC::Manager::Serializer::JSON::Zstd\",\"level\",9]");
    }

    @Test
    void resolvesAllNameForms() {
        assertThat(Serializers.byName("JSON")).isSameAs(JsonSerializer.INSTANCE);
        assertThat(Serializers.byName("IPC::Manager::Serializer::JSON")).isSameAs(JsonSerializer.INSTANCE);
        assertThat(Serializers.byName("IPC::Manager::Serializer::JSON::Zstd")).isInstanceOf(ZstdJsonSerializer.class);
        Serializer nine = Serializers.fromSpec(Json.decode("[\"JSON::Zstd\",\"level\",9]"));
        assertThat(nine).isSameAs(Serializers.fromSpec(Json.decode("[\"JSON::Zstd\",\"level\",9]")));
        assertThat(((ZstdJsonSerializer) nine).level()).isEqualTo(9);
    }

    /** The reference strips the '+' of a fully qualified Perl class name; so does ipcm. */
    @Test
    void resolvesPlusQualifiedPerlNames() {
        assertThat(Serializers.byName("+IPC::Manager::Serializer::JSON")).isSameAs(JsonSerializer.INSTANCE);
        assertThat(Serializers.fromSpec(Json.decode("[\"+IPC::Manager::Serializer::JSON::Zstd\",\"level\",4]")))
                .isInstanceOf(ZstdJsonSerializer.class);
        assertThatThrownBy(() -> Serializers.byName("+IPC::Manager::Serializer::YAML"))
                .isInstanceOf(UnknownProtocolException.class)
                .hasMessageContaining("Unknown serializer '+IPC::Manager::Serializer::YAML'");
        assertThat(Serializers.byName("+" + PlusNamedSerializer.class.getName())).isInstanceOf(PlusNamedSerializer.class);
    }

    /** A serializer of one's own, named by its Java class. */
    public static final class PlusNamedSerializer implements Serializer {
        @Override
        public String referenceName() {
            return "+" + PlusNamedSerializer.class.getName();
        }

        @Override
        public JsonNode infoSpec() {
            return Json.mapper().getNodeFactory().textNode(referenceName());
        }

        @Override
        public byte[] serialize(JsonNode value) {
            return JsonSerializer.INSTANCE.serialize(value);
        }

        @Override
        public JsonNode deserialize(byte[] bytes) {
            return JsonSerializer.INSTANCE.deserialize(bytes);
        }
    }

    @Test
    void badSpecsFailClearly() {
        assertThatThrownBy(() -> Serializers.byName("YAML"))
                .isInstanceOf(UnknownProtocolException.class).hasMessageContaining("Unknown serializer 'YAML'");
        assertThatThrownBy(() -> Serializers.fromSpec(Json.decode("{\"a\":1}")))
                .isInstanceOf(UnknownProtocolException.class).hasMessageContaining("Don't know how to interpret");
        assertThatThrownBy(() -> Serializers.fromSpec(Json.decode("[\"JSON::Zstd\",\"level\"]")))
                .isInstanceOf(UnknownProtocolException.class).hasMessageContaining("key without a value");
        assertThatThrownBy(() -> Serializers.fromSpec(Json.decode("[\"JSON::Zstd\",\"speed\",1]")))
                .isInstanceOf(UnknownProtocolException.class).hasMessageContaining("Unknown JSON::Zstd setting 'speed'");
        assertThatThrownBy(() -> Serializers.fromSpec(Json.decode("[\"JSON::Zstd\",\"dictionary\",\"/nonexistent/dict\"]")))
                .isInstanceOf(UnknownProtocolException.class).hasMessageContaining("Could not load zstd compression dictionary");
    }

    @Test
    void corruptPayloadsAreContentErrors() {
        assertThatThrownBy(() -> JsonSerializer.INSTANCE.deserialize("{\"a\":".getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(ContentException.class);
        assertThatThrownBy(() -> Serializers.byName("JSON::Zstd").deserialize(new byte[] {0x28, (byte) 0xB5, 0x2F, (byte) 0xFD, 1, 2}))
                .isInstanceOf(ContentException.class).hasMessageContaining("Failed to decompress zstd payload");
    }
}
