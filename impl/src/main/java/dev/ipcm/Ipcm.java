package dev.ipcm;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ipcm.internal.Json;
import dev.ipcm.serial.Serializer;
import dev.ipcm.serial.Serializers;
import dev.ipcm.spi.Availability;
import dev.ipcm.spi.ConnectRequest;
import dev.ipcm.spi.Protocol;
import dev.ipcm.spi.Protocols;
import dev.ipcm.spi.SpawnRequest;
import dev.ipcm.spi.Spawned;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * The entry point: spawn a store, connect to one by its info string, reconnect after a suspend.
 * Services, which run on top of a store, start from {@code dev.ipcm.service.Services}.
 *
 * <pre>{@code
 * try (Store store = Ipcm.spawn(SpawnOptions.defaults().protocol("MessageFiles"));
 *      Client alice = store.connect("alice");
 *      Client bob = Ipcm.connect("bob", store.info())) {
 *     alice.send("bob", Map.of("hello", "world"));
 *     List<Message> got = bob.awaitMessages(Duration.ofSeconds(5));
 * }
 * }</pre>
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class Ipcm {
    private Ipcm() {}

    /** Spawns a store with the process-wide defaults ({@link #setDefaultProtocol} and its kin). */
    public static Store spawn() {
        return spawn(SpawnOptions.defaults());
    }

    /**
     * Spawns a store.
     *
     * @throws UnknownProtocolException for an unknown protocol or serializer, or when no listed
     *     protocol is available (each one's reason is given)
     */
    public static Store spawn(SpawnOptions options) {
        Protocol protocol = options.protocol().or(() -> options.protocols().isPresent()
                ? Optional.empty() : SpawnDefaults.protocol()).map(Protocols::byName).orElseGet(() -> firstAvailable(options));
        Serializer serializer = options.serializer().or(SpawnDefaults::serializer).map(Ipcm::serializer)
                .orElseGet(Serializers::defaultSerializer);
        requireKnownParameters(protocol, options.params().keySet());
        SpawnRequest request = new SpawnRequest(serializer, options.params());
        sweepDeadOwners(protocol, request);
        Spawned spawned = protocol.spawn(request);
        ConnectionInfo info = new ConnectionInfo(protocol.referenceName(), serializer.infoSpec(), spawned.route());
        return new Store(protocol, serializer, info, spawned.stash(), options);
    }

    /** Never fails the spawn: a store left by a killed owner is cleaned up here or by a later spawn. */
    private static void sweepDeadOwners(Protocol protocol, SpawnRequest request) {
        try {
            protocol.sweepDeadOwners(request);
        } catch (RuntimeException e) {
            System.getLogger("dev.ipcm").log(System.Logger.Level.WARNING, "could not sweep " + protocol.name()
                    + " stores whose owner died: " + e);
        }
    }

    private static Protocol firstAvailable(SpawnOptions options) {
        List<String> candidates = options.protocols().orElseGet(SpawnDefaults::protocols);
        List<String> reasons = new ArrayList<>();
        for (String name : candidates) {
            try {
                Protocol p = Protocols.byName(name);
                Availability a = p.availability();
                if (a.isAvailable()) {
                    return p;
                }
                reasons.add(name + ": " + a);
            } catch (UnknownProtocolException e) {
                reasons.add(name + ": not on the class path");
            }
        }
        throw new UnknownProtocolException("Could not find a viable protocol among " + candidates + ": " + reasons);
    }

    private static Serializer serializer(String nameOrSpec) {
        String t = nameOrSpec.trim();
        if (t.startsWith("[") || t.startsWith("\"")) {
            JsonNode spec;
            try {
                spec = Json.decode(t);
            } catch (ContentException e) {
                throw new UnknownProtocolException("Serializer spec is not valid JSON: " + nameOrSpec, e);
            }
            return Serializers.fromSpec(spec);
        }
        return Serializers.byName(t);
    }

    /**
     * Sets the protocol a spawn uses when its options name neither a protocol nor a list: the
     * reference's {@code ipcm_default_protocol}. {@code null} goes back to the system property
     * {@code ipcm.default.protocol}, else to the first available of {@link #defaultProtocolList()}.
     * Thread-safe; a spawn already under way keeps what it read.
     *
     * @throws UnknownProtocolException when no protocol has that name
     */
    @API(status = API.Status.EXPERIMENTAL, since = "0.1")
    public static void setDefaultProtocol(String name) {
        if (name != null) {
            Protocols.byName(name);
        }
        SpawnDefaults.setProtocol(name);
    }

    /** The protocol set by {@link #setDefaultProtocol} or {@code ipcm.default.protocol}; empty when neither is. */
    @API(status = API.Status.EXPERIMENTAL, since = "0.1")
    public static Optional<String> defaultProtocol() {
        return SpawnDefaults.protocol();
    }

    /**
     * Sets the protocols a spawn tries, in order, when its options name none: the reference's
     * {@code ipcm_default_protocol_list}. {@code null} goes back to the system property
     * {@code ipcm.default.protocols} (a comma list), else to the reference's order. Thread-safe.
     */
    @API(status = API.Status.EXPERIMENTAL, since = "0.1")
    public static void setDefaultProtocolList(List<String> names) {
        SpawnDefaults.setProtocols(names);
    }

    /** The protocols a spawn tries when its options name none. */
    @API(status = API.Status.EXPERIMENTAL, since = "0.1")
    public static List<String> defaultProtocolList() {
        return SpawnDefaults.protocols();
    }

    /**
     * Sets the serializer (a name or a spec such as {@code ["JSON::Zstd","level",9]}) a spawn
     * uses when its options name none: the reference's {@code ipcm_default_serializer}.
     * {@code null} goes back to the system property {@code ipcm.default.serializer}, else to
     * plain JSON. Thread-safe.
     *
     * @throws UnknownProtocolException when the serializer is unknown or its spec is wrong
     */
    @API(status = API.Status.EXPERIMENTAL, since = "0.1")
    public static void setDefaultSerializer(String nameOrSpec) {
        if (nameOrSpec != null) {
            serializer(nameOrSpec);
        }
        SpawnDefaults.setSerializer(nameOrSpec);
    }

    /** The serializer name or spec a spawn uses when its options name none. */
    @API(status = API.Status.EXPERIMENTAL, since = "0.1")
    public static String defaultSerializer() {
        return SpawnDefaults.serializer().orElse(Serializers.defaultSerializer().referenceName());
    }

    /** Connects a client named {@code name} to the store an info string describes. */
    public static Client connect(String name, String info) {
        return connect(name, info, Map.of());
    }

    /** Connects with protocol parameters ({@code user}, {@code password}, {@code listen}, ...). */
    public static Client connect(String name, String info, Map<String, String> params) {
        return open(name, ConnectionInfo.parse(info), false, params);
    }

    /**
     * Connects a client that takes its connections from the application's own pool (a store of
     * PostgreSQL, MariaDB, MySQL or SQLite): its credentials, TLS and pool settings apply. The
     * pool must serve the database the info string names.
     */
    @API(status = API.Status.EXPERIMENTAL, since = "0.1")
    public static Client connect(String name, String info, javax.sql.DataSource pool) {
        return connect(name, info, Map.of(dev.ipcm.internal.DataSources.PARAM, dev.ipcm.internal.DataSources.register(pool)));
    }

    /**
     * Connects a client that uses exactly this connection, which the application keeps owning
     * (the client never closes it; after its work the connection is as the client left it).
     * It has no second connection: on PostgreSQL it polls for messages instead of listening.
     */
    @API(status = API.Status.EXPERIMENTAL, since = "0.1")
    public static Client connect(String name, String info, java.sql.Connection connection) {
        return connect(name, info, new dev.ipcm.internal.OneConnection(connection));
    }

    /** Re-attaches a suspended client. */
    public static Client reconnect(String name, String info) {
        return reconnect(name, info, Map.of());
    }

    /** Re-attaches a suspended client with protocol parameters. */
    public static Client reconnect(String name, String info, Map<String, String> params) {
        return open(name, ConnectionInfo.parse(info), true, params);
    }

    private static Client open(String name, ConnectionInfo info, boolean reconnect, Map<String, String> params) {
        Protocol protocol = Protocols.byName(info.protocol());
        Serializer serializer = Serializers.fromSpec(info.serializer());
        if (!protocol.storeExists(info.route())) {
            throw new StoreGoneException("The " + protocol.name() + " store at '" + info.route()
                    + "' does not exist (it was destroyed, or the info string is stale); spawn a new store");
        }
        return protocol.connect(new ConnectRequest(name, info, serializer, reconnect, params));
    }

    private static void requireKnownParameters(Protocol protocol, java.util.Set<String> given) {
        protocol.spawnParameters().ifPresent(known -> {
            java.util.Set<String> unknown = new java.util.TreeSet<>(given);
            unknown.removeAll(known);
            if (!unknown.isEmpty()) {
                throw new NotSupportedException("Unknown spawn parameter" + (unknown.size() > 1 ? "s " : " ")
                        + String.join(", ", unknown) + " for the " + protocol.name() + " protocol: it knows "
                        + String.join(", ", new java.util.TreeSet<>(known)) + "; check the spelling (nothing was created)");
            }
        });
    }
}
