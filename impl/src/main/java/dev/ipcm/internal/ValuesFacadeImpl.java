package dev.ipcm.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ipcm.ValuesFacade;
import java.math.BigDecimal;
import java.util.Map;
import org.apiguardian.api.API;

/** The implementation of {@link ValuesFacade}, which finds it by this class name. */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class ValuesFacadeImpl extends ValuesFacade {
    /** Called by the facade's loader. */
    public ValuesFacadeImpl() {}

    @Override
    protected ObjectMapper mapper() {
        return Json.mapper();
    }

    @Override
    protected JsonNode toTree(Object value) {
        return Json.toTree(value);
    }

    @Override
    protected String encodeToString(JsonNode node) {
        return Json.encodeToString(node);
    }

    @Override
    protected JsonNode decode(String text) {
        return Json.decode(text);
    }

    @Override
    protected boolean truthy(JsonNode value) {
        return Json.truthy(value);
    }

    @Override
    protected String nextMessageId() {
        return MessageIds.next();
    }

    @Override
    protected BigDecimal now() {
        return Stamps.now();
    }

    @Override
    protected Map.Entry<BigDecimal, Long> nextStamp() {
        Stamps.Stamp s = Stamps.next();
        return Map.entry(s.stamp(), s.ord());
    }
}
