package dev.ipcm.driver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.ipcm.BroadcastResult;
import dev.ipcm.Message;
import dev.ipcm.Stats;
import dev.ipcm.internal.Json;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The JSON shapes of driver answers (docs/driver-protocol.md, "Values") as ipcm values. */
final class DriverWire {
    private DriverWire() {}

    static List<Message> messages(JsonNode array) {
        List<Message> out = new ArrayList<>();
        array.forEach(m -> out.add(Message.fromJson(m)));
        return out;
    }

    static ArrayNode toJson(List<Message> messages) {
        ArrayNode out = Json.mapper().createArrayNode();
        messages.forEach(m -> out.add(m.toJson()));
        return out;
    }

    static Map<String, BroadcastResult> broadcast(JsonNode result) {
        Map<String, BroadcastResult> out = new TreeMap<>();
        result.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().path("sent").asBoolean()
                ? BroadcastResult.ok()
                : BroadcastResult.failed(e.getValue().path("error").asText("the driver gave no reason"))));
        return out;
    }

    static Map<String, Stats> allStats(JsonNode result) {
        Map<String, Stats> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = result.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            out.put(e.getKey(), Stats.fromJson(e.getValue()));
        }
        return out;
    }

    static List<String> names(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    static Optional<BigDecimal> decimal(JsonNode v) {
        return v == null || v.isNull() || v.isMissingNode() ? Optional.empty() : Optional.of(v.decimalValue());
    }
}
