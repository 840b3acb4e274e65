package dev.ipcm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collections;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apiguardian.api.API;

/**
 * A client's message counts: {@code read} per sender and {@code sent} per recipient, stored as
 * {@code {"read":{FROM:n},"sent":{TO:n}}}. Comparing every client's counts at shutdown tells
 * whether anything was lost.
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class Stats {
    // Counters rather than boxed values: counting a message is then a lookup and an add,
    // with no Long and no map entry made per message.
    private final ConcurrentHashMap<String, AtomicLong> read = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, AtomicLong> sent = new ConcurrentHashMap<>();

    /** Empty counts. */
    public Stats() {}

    /** Counts read back from the stored JSON form; a missing or null value is empty. */
    public static Stats fromJson(JsonNode node) {
        Stats s = new Stats();
        if (node != null && node.isObject()) {
            copy(node.get("read"), s.read);
            copy(node.get("sent"), s.sent);
        }
        return s;
    }

    private static void copy(JsonNode from, Map<String, AtomicLong> to) {
        if (from == null || !from.isObject()) {
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = from.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            long n = v.isNumber() ? v.asLong() : Long.parseLong(v.asText("0").trim());
            to.put(e.getKey(), new AtomicLong(n));
        }
    }

    /** The stored JSON form. */
    public ObjectNode toJson() {
        ObjectNode node = ValuesFacade.get().mapper().createObjectNode();
        ObjectNode r = node.putObject("read");
        snapshot(read).forEach(r::put);
        ObjectNode s = node.putObject("sent");
        snapshot(sent).forEach(s::put);
        return node;
    }

    /** Messages read, per sender. */
    public Map<String, Long> read() {
        return Collections.unmodifiableMap(snapshot(read));
    }

    /** Messages sent, per recipient. */
    public Map<String, Long> sent() {
        return Collections.unmodifiableMap(snapshot(sent));
    }

    /** Counts one message read from {@code from} (or un-counts it with -1). */
    public void countRead(String from, long delta) {
        count(read, from, delta);
    }

    /** Counts one message sent to {@code to}. */
    public void countSent(String to, long delta) {
        count(sent, to, delta);
    }

    private static void count(ConcurrentHashMap<String, AtomicLong> counts, String key, long delta) {
        AtomicLong n = counts.get(key);
        if (n == null) {
            n = counts.computeIfAbsent(key, k -> new AtomicLong());
        }
        n.addAndGet(delta);
    }

    /** The counts now, sorted by name. */
    private static TreeMap<String, Long> snapshot(Map<String, AtomicLong> counts) {
        TreeMap<String, Long> out = new TreeMap<>();
        counts.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    @Override
    public String toString() {
        return ValuesFacade.get().encodeToString(toJson());
    }
}
