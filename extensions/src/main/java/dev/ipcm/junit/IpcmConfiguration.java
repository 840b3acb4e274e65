package dev.ipcm.junit;

import dev.ipcm.IpcmException;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Function;
import org.apiguardian.api.API;

/**
 * The harness settings, read from JUnit Platform configuration parameters named {@code ipcm.*}
 * (in {@code junit-platform.properties}, as {@code -D} system properties, or from Surefire's
 * {@code configurationParameters}). Every setting has a default, so nothing needs configuring
 * to run on the protocols that work out of the box.
 *
 * <p>Tests can take an {@code IpcmConfiguration} as a parameter to read the same settings
 * (the conformance suite reads its timeouts, tries and seed this way).
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class IpcmConfiguration {
    /**
     * Protocols that {@link IpcmTest @IpcmTest} runs on when the annotation names none: a comma
     * list of names, or {@code *} (the default) for every protocol on the class path. The
     * certification engine reads it too, to choose the protocols it certifies.
     */
    public static final String PROTOCOLS = "ipcm.protocols";

    /**
     * Protocols that must run: comma list, default none. A listed protocol that cannot run here
     * fails its tests instead of skipping them (CI sets this); the certification engine fails its
     * node the same way.
     */
    public static final String PROTOCOLS_REQUIRED = "ipcm.protocols.required";

    /** The protocol of a plain test extended with {@link IpcmExtension} and no {@link IpcmProtocol}; default {@code LocalMemory}. */
    public static final String PROTOCOL = "ipcm.protocol";

    /** The serializer of every store the harness spawns ({@code JSON}, {@code JSON::Zstd}, ...); default {@code JSON}. */
    public static final String SERIALIZER = "ipcm.serializer";

    /**
     * Prefix of a database server URL per protocol: {@code ipcm.<protocol in lower case>.url}, e.g.
     * {@code ipcm.postgresql.url=jdbc:postgresql://127.0.0.1:5432/test?user=postgres}. No default;
     * the environment variable {@code IPCM_<PROTOCOL>_URL} is read when the parameter is absent.
     */
    public static final String URL_PREFIX = "ipcm.";

    /** Whether a database protocol with no configured server may start one with Testcontainers: {@code auto} (default, when Docker is present) or {@code false}. */
    public static final String TESTCONTAINERS = "ipcm.testcontainers";

    /** How long a harness wait (a message, a peer, a service) may take before it fails; default {@code 10s}. */
    public static final String TIMEOUT_AWAIT = "ipcm.timeout.await";

    /** How long closing a test's store waits for clients to leave; default {@code 10s}. */
    public static final String TIMEOUT_SHUTDOWN = "ipcm.timeout.shutdown";

    /** Whether a test's clean-up fails the test when messages were sent and never received; default {@code true}. */
    public static final String SANITY_CHECK = "ipcm.sanityCheck";

    /** Tries per property when set (conformance properties default to 20); no default of its own. */
    public static final String PROPERTY_TRIES = "ipcm.property.tries";

    /** A seed that replays a conformance property run (printed by jqwik on failure); no default. */
    public static final String PROPERTY_SEED = "ipcm.property.seed";

    static final String DEFAULT_PROTOCOL = "LocalMemory";
    static final String DEFAULT_SERIALIZER = "JSON";
    static final Duration DEFAULT_AWAIT = Duration.ofSeconds(10);
    static final Duration DEFAULT_SHUTDOWN = Duration.ofSeconds(10);
    static final int DEFAULT_TRIES = 20;

    private final Function<String, Optional<String>> source;

    private IpcmConfiguration(Function<String, Optional<String>> source) {
        this.source = source;
    }

    /**
     * Settings read from a lookup function, e.g. {@code ExtensionContext::getConfigurationParameter}.
     * Blank values count as absent.
     */
    public static IpcmConfiguration from(Function<String, Optional<String>> lookup) {
        Objects.requireNonNull(lookup, "lookup must not be null");
        return new IpcmConfiguration(key -> lookup.apply(key).map(String::trim).filter(v -> !v.isEmpty()));
    }

    /**
     * Settings as a JUnit launcher would see them without explicit parameters: system properties
     * first, then {@code junit-platform.properties} on the class path. The jqwik adapter uses
     * this, since jqwik hooks are not given the launcher's parameters.
     */
    public static IpcmConfiguration fromSystemAndClasspath() {
        Properties file = new Properties();
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        if (loader == null) {
            loader = IpcmConfiguration.class.getClassLoader();
        }
        try (InputStream in = loader.getResourceAsStream("junit-platform.properties")) {
            if (in != null) {
                file.load(in);
            }
        } catch (IOException e) {
            throw new IpcmException("Could not read junit-platform.properties from the class path: " + e.getMessage(), e);
        }
        return from(key -> Optional.ofNullable(System.getProperty(key)).or(() -> Optional.ofNullable(file.getProperty(key))));
    }

    /** A raw setting. */
    public Optional<String> get(String key) {
        return source.apply(key);
    }

    /** {@value #PROTOCOLS} as a list; empty means every protocol on the class path. */
    public List<String> protocols() {
        List<String> list = list(PROTOCOLS);
        return list.contains("*") ? List.of() : list;
    }

    /** {@value #PROTOCOLS_REQUIRED} as a list. */
    public List<String> requiredProtocols() {
        return list(PROTOCOLS_REQUIRED);
    }

    /** Whether a protocol is listed in {@value #PROTOCOLS_REQUIRED} (by short name, case-insensitive). */
    public boolean isRequired(String protocol) {
        return requiredProtocols().stream().anyMatch(p -> p.equalsIgnoreCase(protocol));
    }

    /** {@value #PROTOCOL}. */
    public String plainProtocol() {
        return get(PROTOCOL).orElse(DEFAULT_PROTOCOL);
    }

    /** {@value #SERIALIZER}. */
    public String serializer() {
        return get(SERIALIZER).orElse(DEFAULT_SERIALIZER);
    }

    /** The configured server URL of a protocol ({@code ipcm.<name>.url}, else {@code IPCM_<NAME>_URL}). */
    public Optional<String> url(String protocol) {
        String lower = protocol.toLowerCase(Locale.ROOT);
        return get(URL_PREFIX + lower + ".url")
                .or(() -> Optional.ofNullable(System.getenv("IPCM_" + protocol.toUpperCase(Locale.ROOT) + "_URL"))
                        .filter(v -> !v.isBlank()));
    }

    /** The parameter that sets a protocol's server URL, for messages. */
    public static String urlKey(String protocol) {
        return URL_PREFIX + protocol.toLowerCase(Locale.ROOT) + ".url";
    }

    /** {@value #TESTCONTAINERS}: false only when set to {@code false}. */
    public boolean testcontainersAllowed() {
        return get(TESTCONTAINERS).map(v -> !v.equalsIgnoreCase("false")).orElse(true);
    }

    /** {@value #TIMEOUT_AWAIT}. */
    public Duration awaitTimeout() {
        return duration(TIMEOUT_AWAIT, DEFAULT_AWAIT);
    }

    /** {@value #TIMEOUT_SHUTDOWN}. */
    public Duration shutdownTimeout() {
        return duration(TIMEOUT_SHUTDOWN, DEFAULT_SHUTDOWN);
    }

    /** {@value #SANITY_CHECK}. */
    public boolean sanityCheck() {
        return get(SANITY_CHECK).map(Boolean::parseBoolean).orElse(true);
    }

    /** {@value #PROPERTY_TRIES}. */
    public int propertyTries() {
        String v = get(PROPERTY_TRIES).orElse(null);
        if (v == null) {
            return DEFAULT_TRIES;
        }
        try {
            int n = Integer.parseInt(v);
            if (n < 1) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IpcmException(PROPERTY_TRIES + " must be a positive whole number, got '" + v + "'");
        }
    }

    /** {@value #PROPERTY_SEED}. */
    public Optional<String> propertySeed() {
        return get(PROPERTY_SEED);
    }

    private List<String> list(String key) {
        List<String> out = new ArrayList<>();
        for (String part : get(key).orElse("").split(",")) {
            if (!part.isBlank()) {
                out.add(part.trim());
            }
        }
        return out;
    }

    private Duration duration(String key, Duration fallback) {
        String v = get(key).orElse(null);
        return v == null ? fallback : parseDuration(key, v);
    }

    /** Reads {@code 10s}, {@code 500ms}, {@code 2m}, ISO-8601 {@code PT10S} or plain seconds. */
    static Duration parseDuration(String key, String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (t.startsWith("pt")) {
                return Duration.parse(t.toUpperCase(Locale.ROOT));
            }
            if (t.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2).trim()));
            }
            if (t.endsWith("s")) {
                return Duration.ofMillis(Math.round(Double.parseDouble(t.substring(0, t.length() - 1).trim()) * 1000));
            }
            if (t.endsWith("m")) {
                return Duration.ofSeconds(Long.parseLong(t.substring(0, t.length() - 1).trim()) * 60);
            }
            return Duration.ofMillis(Math.round(Double.parseDouble(t) * 1000));
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new IpcmException(key + " must be a duration such as 10s, 500ms, 2m or PT10S, got '" + text + "'");
        }
    }
}
