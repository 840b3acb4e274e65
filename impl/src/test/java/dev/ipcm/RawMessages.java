package dev.ipcm;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.Map;

/**
 * Messages made field by field, valid or not, without the checks of the builder and of
 * {@link Message#fromJson}: the wire codec's tests (in {@code dev.ipcm.serial}) write such
 * messages to see that reading them back fails exactly as the tree path does.
 */
public final class RawMessages {
    private RawMessages() {}

    /** The message with exactly these fields. */
    public static Message of(String id, String from, String to, boolean broadcast, BigDecimal stamp, Long stampOrd,
            JsonNode content, Map<String, JsonNode> extras) {
        return new Message(id, from, to, broadcast, stamp, stampOrd, content, extras);
    }
}
