package dev.ipcm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * One message on the bus: an immutable envelope ({@code id}, {@code from}, {@code to},
 * {@code stamp}, {@code stamp_ord}, {@code broadcast}) around a JSON {@code content}.
 *
 * <p>The JSON form is exactly IPC::Manager's: keys {@code id, from, to, content, stamp,
 * stamp_ord} and {@code broadcast: 1} on broadcast copies. Keys the library does not know
 * are kept as {@link #extras()} and written back out, so a relayed message loses nothing.
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class Message {
    /** Batch order of every receive: stamp, then stamp ordinal (missing counts as 0). */
    public static final Comparator<Message> ORDER = Comparator
            .comparing(Message::stamp)
            .thenComparingLong(m -> m.stampOrd().orElse(0L));

    private static final java.util.Set<String> KNOWN =
            java.util.Set.of("id", "from", "to", "broadcast", "stamp", "stamp_ord", "content");

    private final String id;
    private final String from;
    private final String to;
    private final boolean broadcast;
    private final BigDecimal stamp;
    private final Long stampOrd;
    private final JsonNode content;
    private final Map<String, JsonNode> extras;

    Message(String id, String from, String to, boolean broadcast, BigDecimal stamp, Long stampOrd,
            JsonNode content, Map<String, JsonNode> extras) {
        this.id = id;
        this.from = from;
        this.to = to;
        this.broadcast = broadcast;
        this.stamp = stamp;
        this.stampOrd = stampOrd;
        this.content = content;
        this.extras = extras;
    }

    /** Starts a new message from {@code from}; id and stamp are filled in by {@link Builder#build()}. */
    public static Builder builder(String from) {
        return new Builder(from);
    }

    /** The message id: an upper-case UUID when made here (databases may return it in lower case). */
    public String id() {
        return id;
    }

    /** The sender's client name. */
    public String from() {
        return from;
    }

    /** The recipient's client name; empty only for a broadcast template that was never addressed. */
    public Optional<String> to() {
        return Optional.ofNullable(to);
    }

    /** The recipient, or {@code null}. */
    public String toOrNull() {
        return to;
    }

    /** Whether this is one copy of a broadcast. */
    public boolean isBroadcast() {
        return broadcast;
    }

    /** Seconds since the epoch at creation, exact as written on the wire. */
    public BigDecimal stamp() {
        return stamp;
    }

    /** Tie-breaker among equal stamps from one process; absent on messages read from a database. */
    public Optional<Long> stampOrd() {
        return Optional.ofNullable(stampOrd);
    }

    /** The stamp ordinal or {@code null}, without an {@link Optional} on the wire codec's path. */
    @API(status = API.Status.INTERNAL, since = "0.1")
    public Long stampOrdOrNull() {
        return stampOrd;
    }

    /** Whether {@code key} is one of the envelope's own keys (and so cannot be an extra). */
    @API(status = API.Status.INTERNAL, since = "0.1")
    public static boolean isEnvelopeKey(String key) {
        return KNOWN.contains(key);
    }

    /** The payload: any JSON value but null. */
    public JsonNode content() {
        return content;
    }

    /** The payload mapped onto a Java type with Jackson. */
    public <T> T contentAs(Class<T> type) {
        try {
            return ValuesFacade.get().mapper().treeToValue(content, type);
        } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
            throw new ContentException("Content of message " + id + " cannot be read as " + type.getName()
                    + ": " + e.getMessage(), e);
        }
    }

    /** Keys of the wire object that are not part of the envelope, in the order they were read. */
    public Map<String, JsonNode> extras() {
        return extras;
    }

    /** True when the content is an object whose {@code terminate} member is truthy (store shutdown). */
    public boolean isTerminate() {
        return content.isObject() && ValuesFacade.get().truthy(content.get("terminate"));
    }

    /** This message with another stamp ordinal (a receiver numbers messages that came without one). */
    public Message withStampOrd(long ord) {
        return new Message(id, from, to, broadcast, stamp, ord, content, extras);
    }

    /** A copy with a fresh id addressed to {@code recipient}; used for broadcast copies. */
    public Message copyTo(String recipient, boolean asBroadcast) {
        return new Message(ValuesFacade.get().nextMessageId(), from, recipient, asBroadcast, stamp, stampOrd, content, extras);
    }

    /** The wire object, ready for a serializer. */
    public ObjectNode toJson() {
        ObjectNode node = ValuesFacade.get().mapper().createObjectNode();
        node.put("id", id);
        node.put("from", from);
        if (to != null) {
            node.put("to", to);
        }
        if (broadcast) {
            node.put("broadcast", 1);
        }
        node.put("stamp", stamp);
        if (stampOrd != null) {
            node.put("stamp_ord", stampOrd);
        }
        node.set("content", content);
        extras.forEach(node::set);
        return node;
    }

    /**
     * Reads a wire object, checking what IPC::Manager checks.
     *
     * @throws ContentException when {@code from} or {@code content} is missing, or neither
     *     {@code to} nor a truthy {@code broadcast} is present
     */
    public static Message fromJson(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new ContentException("A message must be a JSON object, got: " + describe(node));
        }
        String from = text(node.get("from"));
        JsonNode content = node.get("content");
        String to = text(node.get("to"));
        boolean broadcast = ValuesFacade.get().truthy(node.get("broadcast"));
        String problem = envelopeProblem(from, to, broadcast, content);
        if (problem != null) {
            throw new ContentException(problem + ": " + describe(node));
        }
        String id = text(node.get("id"));
        BigDecimal stamp = decimal(node.get("stamp"));
        Long ord = node.hasNonNull("stamp_ord") ? Long.valueOf(decimal(node.get("stamp_ord")).longValue()) : null;
        Map<String, JsonNode> extras = null;
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!KNOWN.contains(e.getKey())) {
                if (extras == null) {
                    extras = new LinkedHashMap<>();
                }
                extras.put(e.getKey(), e.getValue());
            }
        }
        return withDefaults(id, from, to, broadcast, stamp, ord, content, extras);
    }

    /**
     * The message that envelope fields read off the wire make, or {@code null} when they break
     * the rule {@link #fromJson} enforces; that is for the wire codec, which then lets
     * {@code fromJson} say what is wrong. A missing id or stamp is filled in as there.
     *
     * @param extras the keys beside the envelope in the order read, or {@code null} for none;
     *     the map is wrapped, not copied
     */
    @API(status = API.Status.INTERNAL, since = "0.1")
    public static Message fromEnvelope(String id, String from, String to, boolean broadcast, BigDecimal stamp,
            Long stampOrd, JsonNode content, Map<String, JsonNode> extras) {
        if (envelopeProblem(from, to, broadcast, content) != null) {
            return null;
        }
        return withDefaults(id, from, to, broadcast, stamp, stampOrd, content, extras);
    }

    /**
     * What makes these fields no message, as IPC::Manager checks it (a sender, content, and a
     * recipient unless it is a broadcast), or {@code null} when they make one.
     */
    private static String envelopeProblem(String from, String to, boolean broadcast, JsonNode content) {
        if (from == null || from.isEmpty() || from.equals("0")) {
            return "'from' is a required attribute of a message";
        }
        if (content == null || content.isNull()) {
            return "'content' is a required attribute of a message";
        }
        if ((to == null || to.isEmpty()) && !broadcast) {
            return "Message must either have a 'to' or 'broadcast' attribute";
        }
        return null;
    }

    private static Message withDefaults(String id, String from, String to, boolean broadcast, BigDecimal stamp,
            Long stampOrd, JsonNode content, Map<String, JsonNode> extras) {
        return new Message(id == null ? ValuesFacade.get().nextMessageId() : id, from, to, broadcast,
                stamp == null ? ValuesFacade.get().now() : stamp, stampOrd, content,
                extras == null ? Map.of() : Collections.unmodifiableMap(extras));
    }

    private static String text(JsonNode v) {
        if (v == null || v.isNull()) {
            return null;
        }
        return v.isValueNode() ? v.asText() : v.toString();
    }

    private static BigDecimal decimal(JsonNode v) {
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isNumber()) {
            return v.decimalValue();
        }
        try {
            return new BigDecimal(v.asText().trim());
        } catch (NumberFormatException e) {
            throw new ContentException("Expected a number, got " + v);
        }
    }

    private static String describe(JsonNode node) {
        String s = String.valueOf(node);
        return s.length() > 200 ? s.substring(0, 200) + "..." : s;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Message)) {
            return false;
        }
        Message m = (Message) o;
        return id.equalsIgnoreCase(m.id) && from.equals(m.from) && Objects.equals(to, m.to)
                && broadcast == m.broadcast && stamp.compareTo(m.stamp) == 0 && content.equals(m.content);
    }

    @Override
    public int hashCode() {
        return id.toUpperCase(java.util.Locale.ROOT).hashCode();
    }

    @Override
    public String toString() {
        return ValuesFacade.get().encodeToString(toJson());
    }

    /** Builds a message; the sender is fixed, everything else is optional until {@link #build()}. */
    public static final class Builder {
        private final String from;
        private String to;
        private boolean broadcast;
        private JsonNode content;
        private String id;
        /** Made on the first extra: most messages have none. */
        private Map<String, JsonNode> extras;

        private Builder(String from) {
            this.from = Objects.requireNonNull(from, "from must not be null");
        }

        /** The recipient's name. */
        public Builder to(String recipient) {
            this.to = recipient;
            return this;
        }

        /** Marks the message as a broadcast copy. */
        public Builder broadcast(boolean value) {
            this.broadcast = value;
            return this;
        }

        /** The payload: a {@link JsonNode} or any value Jackson can map. */
        public Builder content(Object value) {
            this.content = ValuesFacade.get().toTree(value);
            return this;
        }

        /** A fixed id (otherwise a fresh UUIDv7). */
        public Builder id(String value) {
            this.id = value;
            return this;
        }

        /** An extra key carried on the wire beside the envelope. */
        public Builder extra(String key, Object value) {
            if (KNOWN.contains(key)) {
                throw new ContentException("'" + key + "' is an envelope key and cannot be set as an extra field");
            }
            if (extras == null) {
                extras = new LinkedHashMap<>();
            }
            extras.put(key, ValuesFacade.get().toTree(value));
            return this;
        }

        /** The finished message, stamped now. */
        public Message build() {
            if (content == null || content.isNull() || content.isMissingNode()) {
                throw new ContentException("'content' is a required attribute: a message needs non-null content");
            }
            if ((to == null || to.isEmpty()) && !broadcast) {
                throw new ContentException("Message must either have a 'to' or 'broadcast' attribute");
            }
            Map.Entry<BigDecimal, Long> s = ValuesFacade.get().nextStamp();
            return new Message(id == null ? ValuesFacade.get().nextMessageId() : id, from, to, broadcast, s.getKey(), s.getValue(),
                    content, extras == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(extras)));
        }
    }
}
