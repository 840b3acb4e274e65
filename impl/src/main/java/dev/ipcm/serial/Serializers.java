package dev.ipcm.serial;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ipcm.UnknownProtocolException;
import dev.ipcm.internal.Json;
import dev.ipcm.internal.PluginClasses;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apiguardian.api.API;

/**
 * Resolves serializer names and info-string specs to serializers.
 *
 * <p>Accepted names: short ({@code JSON}, {@code JSON::Zstd}), reference
 * ({@code IPC::Manager::Serializer::JSON}), the reference name with a leading {@code +}
 * ({@code +IPC::Manager::Serializer::JSON}, as the reference accepts) and {@code +}-prefixed Java class names of a
 * {@link Serializer} with a public no-argument constructor. One instance is shared per
 * distinct spec, as IPC::Manager caches them.
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class Serializers {
    private static final String PREFIX = "IPC::Manager::Serializer::";
    private static final Map<String, Serializer> CACHE = new ConcurrentHashMap<>();

    private Serializers() {}

    /** The serializer a Java spawn uses when none is named: plain JSON, which every Perl peer can read. */
    public static Serializer defaultSerializer() {
        return JsonSerializer.INSTANCE;
    }

    /** Resolves a serializer name (no settings). */
    public static Serializer byName(String name) {
        return fromSpec(Json.mapper().getNodeFactory().textNode(name));
    }

    /**
     * Resolves an info-string serializer spec: a string, or an array
     * {@code [name, key1, value1, ...]}.
     *
     * @throws UnknownProtocolException for an unknown name, a bad setting, or any other JSON type
     */
    public static Serializer fromSpec(JsonNode spec) {
        if (spec == null || !(spec.isTextual() || (spec.isArray() && spec.size() >= 1 && spec.get(0).isTextual()))) {
            throw new UnknownProtocolException("Don't know how to interpret serializer spec '" + spec
                    + "': expected a name such as \"IPC::Manager::Serializer::JSON\" or an array [name, key, value, ...]");
        }
        return CACHE.computeIfAbsent(Json.encodeToString(spec), k -> build(spec));
    }

    private static Serializer build(JsonNode spec) {
        String given = spec.isTextual() ? spec.textValue() : spec.get(0).textValue();
        // The reference strips the '+' of a fully qualified Perl class name (docs/interop.md).
        String name = given.startsWith("+") && given.contains("::") ? given.substring(1) : given;
        if (spec.isArray() && spec.size() % 2 == 0) {
            throw new UnknownProtocolException("Serializer spec " + spec
                    + " has a key without a value: settings come as key/value pairs after the name");
        }
        String resolved = resolveName(name);
        switch (resolved) {
            case JsonSerializer.REFERENCE_NAME:
                if (spec.isArray() && spec.size() > 1) {
                    throw new UnknownProtocolException("The JSON serializer takes no settings, got " + spec);
                }
                return JsonSerializer.INSTANCE;
            case ZstdJsonSerializer.REFERENCE_NAME:
                return zstd(spec);
            default:
                if (name.startsWith("+")) {
                    return PluginClasses.instantiate(name.substring(1), Serializer.class, "serializer");
                }
                throw new UnknownProtocolException("Unknown serializer '" + given
                        + "': use JSON or JSON::Zstd (or +com.example.YourSerializer for a class of your own)");
        }
    }

    static String resolveName(String name) {
        if (name.startsWith("+")) {
            return name;
        }
        return name.startsWith(PREFIX) ? name : PREFIX + name;
    }

    private static Serializer zstd(JsonNode spec) {
        int level = ZstdJsonSerializer.DEFAULT_LEVEL;
        String dictionary = null;
        for (int i = 1; spec.isArray() && i + 1 < spec.size(); i += 2) {
            String key = spec.get(i).asText();
            JsonNode value = spec.get(i + 1);
            switch (key) {
                case "level":
                    if (!value.canConvertToInt() && !value.isTextual()) {
                        throw new UnknownProtocolException("zstd 'level' must be an integer, got " + value);
                    }
                    try {
                        level = value.isTextual() ? Integer.parseInt(value.textValue()) : value.intValue();
                    } catch (NumberFormatException e) {
                        throw new UnknownProtocolException("zstd 'level' must be an integer, got " + value, e);
                    }
                    break;
                case "dictionary":
                    dictionary = value.isNull() ? null : value.asText();
                    break;
                default:
                    throw new UnknownProtocolException("Unknown JSON::Zstd setting '" + key
                            + "': the settings are 'level' and 'dictionary'");
            }
        }
        return new ZstdJsonSerializer(level, dictionary);
    }
}
