package dev.ipcm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * What the value types of this package (messages, connection info, stats) need from the
 * library's machinery: the JSON codec that writes what IPC::Manager writes, message ids and
 * stamps. Its one implementation, {@code dev.ipcm.internal.ValuesFacadeImpl},
 * is found by name at run time, because that package throws this package's exceptions and so
 * must not be imported from here.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public abstract class ValuesFacade {
    private static final ValuesFacade IMPLEMENTATION =
            FacadeLoader.load(ValuesFacade.class, "dev.ipcm.internal.ValuesFacadeImpl");

    /** For the one implementation. */
    protected ValuesFacade() {}

    static ValuesFacade get() {
        return IMPLEMENTATION;
    }

    /** The shared JSON mapper. */
    protected abstract ObjectMapper mapper();

    /** Any Jackson-mappable value as a tree; {@link ContentException} when it is not JSON. */
    protected abstract JsonNode toTree(Object value);

    /** A tree as compact ASCII JSON text. */
    protected abstract String encodeToString(JsonNode node);

    /** JSON text as a tree; {@link ContentException} when it is malformed. */
    protected abstract JsonNode decode(String text);

    /** Perl's truth of a JSON value. */
    protected abstract boolean truthy(JsonNode value);

    /** A fresh message id. */
    protected abstract String nextMessageId();

    /** Now, as a stamp. */
    protected abstract BigDecimal now();

    /** Now, as a stamp with its ordinal, taken together. */
    protected abstract Map.Entry<BigDecimal, Long> nextStamp();
}
