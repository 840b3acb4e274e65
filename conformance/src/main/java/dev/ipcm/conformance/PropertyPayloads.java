package dev.ipcm.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ipcm.Capabilities;
import dev.ipcm.internal.Json;
import java.util.LinkedHashMap;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Tuple;

/**
 * The payloads the conformance properties send: generated message sizes, and message contents
 * that say who sent them and in which order.
 */
final class PropertyPayloads {
    /** The largest payload the properties generate. */
    static final int MAX = 64 * 1024;
    // Room for the envelope and the JSON around the padding, under a protocol's byte limit.
    private static final int ENVELOPE_ALLOWANCE = 1024;

    private PropertyPayloads() {}

    /** Mostly small sizes, sometimes up to 64 KiB; shrinks towards 0. */
    static Arbitrary<Integer> sizes() {
        return Arbitraries.frequencyOf(Tuple.of(9, Arbitraries.integers().between(0, 256)),
                Tuple.of(1, Arbitraries.integers().between(0, MAX)));
    }

    /** A generated size, cut to what this protocol can carry. */
    static int fit(int size, Capabilities caps) {
        if (caps.maxMessageBytes() == Capabilities.UNLIMITED) {
            return size;
        }
        return (int) Math.max(0, Math.min(size, caps.maxMessageBytes() - ENVELOPE_ALLOWANCE));
    }

    /**
     * A generated size, cut to what this protocol can carry beside {@code beside} in the same
     * message. {@code beside} is counted at its worst serialized size: a serializer may escape
     * each of its UTF-8 bytes as six ({@code \u0001}).
     */
    static int fitBeside(int size, Capabilities caps, JsonNode beside) {
        if (caps.maxMessageBytes() == Capabilities.UNLIMITED) {
            return size;
        }
        return Math.max(0, fit(size, caps) - 6 * Json.encode(beside).length);
    }

    /** {@code {"s": sender, "q": seq, "pad": "..."}}. */
    static Map<String, Object> content(String sender, int seq, int size) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("s", sender);
        m.put("q", seq);
        m.put("pad", "p".repeat(size));
        return m;
    }
}
