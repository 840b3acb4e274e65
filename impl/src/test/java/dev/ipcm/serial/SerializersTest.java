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
