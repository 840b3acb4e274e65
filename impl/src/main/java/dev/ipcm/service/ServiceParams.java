package dev.ipcm.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ipcm.internal.Json;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * The parameters a service is built from: a JSON object with the standard keys
 * ({@code name}, {@code ipcm_info}, {@code watch_pids}, {@code interval}, {@code cycle},
 * {@code intercept_errors}, {@code expose_error_details}, {@code use_posix_exit},
 * {@code redirect}, {@code run_returns_to_caller}) and any keys of the caller's own. Only data
 * travels to a child JVM, never code, so this object is what a {@link ServiceFactory} sees there.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class ServiceParams {
    private final ObjectNode json;

    /** Parameters from a JSON object (copied). */
    public ServiceParams(ObjectNode json) {
        this.json = json.deepCopy();
    }

    /** Parameters with just a service name and a store's info string. */
    public static ServiceParams of(String name, String ipcmInfo) {
        ObjectNode o = Json.mapper().createObjectNode();
        o.put("name", name);
        o.put("ipcm_info", ipcmInfo);
        return new ServiceParams(o);
    }

    /** Parses a JSON object text. */
    public static ServiceParams parse(String text) {
        JsonNode n = Json.decode(text);
        if (!n.isObject()) {
            throw new ServiceConfigException("Service parameters must be a JSON object, got: " + text);
        }
        return new ServiceParams((ObjectNode) n);
    }

    /** The service name ({@code name}); required. */
    public String name() {
        return requireText("name");
    }

    /** The store's info string ({@code ipcm_info}); required. */
    public String ipcmInfo() {
        return requireText("ipcm_info");
    }

    /** A parameter, or null. */
    public JsonNode get(String key) {
        JsonNode v = json.get(key);
        return v == null || v.isNull() ? null : v;
    }

    /** Whether a parameter is present and not null. */
    public boolean has(String key) {
        return get(key) != null;
    }

    /** A parameter as text. */
    public Optional<String> text(String key) {
        JsonNode v = get(key);
        return v == null ? Optional.empty() : Optional.of(Wire.text(v));
    }

    /** A parameter as a path. */
    public Optional<Path> path(String key) {
        return text(key).map(Path::of);
    }

    /** A parameter as a Perl-style boolean (absent, 0, "" and "0" are false). */
    public boolean flag(String key) {
        return Wire.truthy(json.get(key));
    }

    /** A number of seconds (not negative; a number or its text) as a duration, if present. */
    public Optional<Duration> seconds(String key) {
        JsonNode v = get(key);
        if (v == null) {
            return Optional.empty();
        }
        boolean text = v.isTextual() && v.asText().matches("\\d+(\\.\\d+)?");
        if (!text && !(v.isNumber() && v.decimalValue().signum() >= 0)) {
            throw new ServiceConfigException("Parameter '" + key + "' must be a number of seconds, got: " + v);
        }
        // A text node's decimalValue() is 0, so text is parsed for the number it spells.
        BigDecimal seconds = text ? new BigDecimal(v.asText()) : v.decimalValue();
        return Optional.of(Duration.ofNanos(seconds.movePointRight(9).longValue()));
    }

    /**
     * A duration as the number of seconds a parameter holds.
     *
     * @throws ServiceConfigException naming {@code what} when the duration is missing or negative
     */
    static BigDecimal toSeconds(String what, Duration d) {
        if (d == null || d.isNegative()) {
            throw new ServiceConfigException("'" + what + "' must not be negative, got: " + d);
        }
        return BigDecimal.valueOf(d.toNanos()).movePointLeft(9).stripTrailingZeros();
    }

    /** A list of pids ({@code watch_pids}); a single number counts as a list of one. */
    public List<Long> pids(String key) {
        JsonNode v = get(key);
        List<Long> out = new ArrayList<>();
        if (v == null) {
            return out;
        }
        if (v.isArray()) {
            v.forEach(p -> out.add(pid(key, p)));
        } else {
            out.add(pid(key, v));
        }
        return out;
    }

    private static long pid(String key, JsonNode p) {
        if (!p.canConvertToLong() || p.asLong() <= 0) {
            throw new ServiceConfigException("Parameter '" + key + "' must hold positive pids, got: " + p);
        }
        return p.asLong();
    }

    private String requireText(String key) {
        return text(key).filter(s -> !s.isEmpty())
                .orElseThrow(() -> new ServiceConfigException("'" + key + "' is a required parameter of a service"));
    }

    /** A copy of the whole JSON object. */
    public ObjectNode json() {
        return json.deepCopy();
    }

    /** These parameters with one key replaced. */
    public ServiceParams with(String key, Object value) {
        ObjectNode o = json.deepCopy();
        o.set(key, Json.toTree(value));
        return new ServiceParams(o);
    }

    @Override
    public String toString() {
        return Json.encodeToString(json);
    }
}
