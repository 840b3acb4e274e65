package dev.ipcm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * The connection-info string that lets any process reach a store: a compact JSON array
 * {@code [protocol, serializer, route]}, exactly as IPC::Manager writes it.
 *
 * <pre>["IPC::Manager::Client::MessageFiles","IPC::Manager::Serializer::JSON","/tmp/PerlIPCManager-1-abc"]</pre>
 *
 * <p>The protocol element is kept as written (a short name, a Perl class name, or a
 * {@code +}-prefixed name); the serializer element is a name or an array with settings. The
 * string carries no credentials.
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class ConnectionInfo {
    private final String protocol;
    private final JsonNode serializer;
    private final String route;

    /**
     * Info from its three parts.
     *
     * @param protocol a protocol name in any accepted form
     * @param serializer a serializer spec: a string, or an array {@code [name, key, value, ...]}
     * @param route the store's path or DSN
     */
    public ConnectionInfo(String protocol, JsonNode serializer, String route) {
        this.protocol = requireText(protocol, "protocol");
        this.serializer = Objects.requireNonNull(serializer, "serializer must not be null");
        this.route = requireText(route, "route");
    }

    /**
     * Parses an info string.
     *
     * @throws InvalidInfoException naming what is wrong: not JSON, not an array, not three
     *     elements, or an element of the wrong type
     */
    public static ConnectionInfo parse(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidInfoException("Connection info is empty: pass the string printed by spawn, "
                    + "e.g. [\"IPC::Manager::Client::MessageFiles\",\"IPC::Manager::Serializer::JSON\",\"/tmp/...\"]");
        }
        JsonNode node;
        try {
            node = ValuesFacade.get().decode(text.trim());
        } catch (ContentException e) {
            throw new InvalidInfoException("Connection info is not valid JSON (" + e.getMessage()
                    + "); it may be truncated: got " + abbreviate(text), e);
        }
        if (!node.isArray()) {
            throw new InvalidInfoException("Connection info must be a JSON array [protocol, serializer, route], got "
                    + abbreviate(text));
        }
        if (node.size() != 3) {
            throw new InvalidInfoException("Connection info must have exactly 3 elements [protocol, serializer, route], got "
                    + node.size() + ": " + abbreviate(text));
        }
        JsonNode p = node.get(0);
        JsonNode s = node.get(1);
        JsonNode r = node.get(2);
        if (!p.isTextual() || p.textValue().isEmpty()) {
            throw new InvalidInfoException("Element 0 of the connection info (the protocol) must be a non-empty string, got " + p);
        }
        if (!(s.isTextual() || (s.isArray() && s.size() >= 1 && s.get(0).isTextual()))) {
            throw new InvalidInfoException("Element 1 of the connection info (the serializer) must be a name or an array "
                    + "[name, key, value, ...], got " + s);
        }
        if (!r.isTextual() || r.textValue().isEmpty()) {
            throw new InvalidInfoException("Element 2 of the connection info (the route) must be a non-empty string, got " + r);
        }
        return new ConnectionInfo(p.textValue(), s, r.textValue());
    }

    /** The protocol name as written. */
    public String protocol() {
        return protocol;
    }

    /** The serializer spec as written. */
    public JsonNode serializer() {
        return serializer.deepCopy();
    }

    /** The store's path or DSN. */
    public String route() {
        return route;
    }

    /** The same info with another route. */
    public ConnectionInfo withRoute(String newRoute) {
        return new ConnectionInfo(protocol, serializer, newRoute);
    }

    /** The info string: compact ASCII JSON, no trailing newline. */
    @Override
    public String toString() {
        ArrayNode a = ValuesFacade.get().mapper().createArrayNode();
        a.add(TextNode.valueOf(protocol));
        a.add(serializer);
        a.add(TextNode.valueOf(route));
        return ValuesFacade.get().encodeToString(a);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConnectionInfo && toString().equals(o.toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }

    private static String requireText(String value, String what) {
        if (value == null || value.isEmpty()) {
            throw new InvalidInfoException("The " + what + " of a connection info must not be empty");
        }
        return value;
    }

    private static String abbreviate(String text) {
        String t = text.length() > 160 ? text.substring(0, 160) + "..." : text;
        return "'" + t.replace("\n", "\\n") + "'";
    }
}
