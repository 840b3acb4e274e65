package dev.ipcm.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ipcm.internal.Json;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.apiguardian.api.API;

/**
 * Message contents of an exact serialized size, so every benchmark and every transport moves the
 * same number of content bytes.
 *
 * <p>The content is {@code {"data":"..."}} filled with pseudo-random letters and digits from a
 * fixed seed: random enough that JSON::Zstd does not compress it to nothing, and the same in
 * every run.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class Payloads {
    /** The smallest content this class can build: {@code {"data":""}}. */
    public static final int MIN_BYTES = 11;

    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private Payloads() {}

    /**
     * A content object whose compact JSON form is exactly {@code bytes} long.
     *
     * @throws IllegalArgumentException when {@code bytes} is below {@link #MIN_BYTES}
     */
    public static ObjectNode content(int bytes) {
        if (bytes < MIN_BYTES) {
            throw new IllegalArgumentException("a benchmark content must be at least " + MIN_BYTES
                    + " bytes (the JSON {\"data\":\"\"}), got bytes=" + bytes);
        }
        SplittableRandom random = new SplittableRandom(bytes);
        char[] fill = new char[bytes - MIN_BYTES];
        for (int i = 0; i < fill.length; i++) {
            fill[i] = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
        }
        ObjectNode node = Json.mapper().createObjectNode();
        node.put("data", new String(fill));
        return node;
    }

    /** The compact JSON bytes of {@link #content(int)}: what a raw transport sends. */
    public static byte[] bytes(int bytes) {
        byte[] b = Json.encodeToString(content(bytes)).getBytes(StandardCharsets.US_ASCII);
        if (b.length != bytes) {
            throw new IllegalStateException("content of " + bytes + " bytes serialized to " + b.length);
        }
        return b;
    }
}
