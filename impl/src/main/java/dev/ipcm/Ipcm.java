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

    /** Spawns a store on the first available protocol of the default list, with JSON. */
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
        Protocol protocol = options.protocol().map(Protocols::byName).orElseGet(() -> firstAvailable(options));
        Serializer serializer = options.serializer().map(Ipcm::serializer).orElseGet(Serializers::defaultSerializer);
        requireKnownParameters(protocol, options.params().keySet());
        Spawned spawned = protocol.spawn(new SpawnRequest(serializer, options.params()));
        ConnectionInfo info = new ConnectionInfo(protocol.referenceName(), serializer.infoSpec(), spawned.route());
        return new Store(protocol, serializer, info, spawned.stash(), options);
    }

    private static Protocol firstAvailable(SpawnOptions options) {
        List<String> candidates = options.protocols().orElseGet(Protocols::defaultList);
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

    /** Connects a client named {@code name} to the store an info string describes. */
    public static Client connect(String name, String info) {
        return connect(name, info, Map.of());
    }

    /** Connects with protocol parameters ({@code user}, {@code password}, {@code listen}, ...). */
    public static Client connect(String name, String info, Map<String, String> params) {
        return open(name, ConnectionInfo.parse(info), false, params);
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
