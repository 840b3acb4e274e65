package dev.ipcm;

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
        Optional<String> protocol = options.protocol().or(() -> options.protocols().isPresent()
                ? Optional.empty() : SpawnDefaults.protocol());
        List<String> candidates = options.protocols().orElseGet(SpawnDefaults::protocols);
        StoreBackend backend = IpcmFacade.get().spawn(protocol, candidates,
                options.serializer().or(SpawnDefaults::serializer), options.params());
        return new Store(backend, options);
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
            IpcmFacade.get().requireProtocol(name);
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
            IpcmFacade.get().requireSerializer(nameOrSpec);
        }
        SpawnDefaults.setSerializer(nameOrSpec);
    }

    /** The serializer name or spec a spawn uses when its options name none. */
    @API(status = API.Status.EXPERIMENTAL, since = "0.1")
    public static String defaultSerializer() {
        return SpawnDefaults.serializer().orElseGet(IpcmFacade.get()::defaultSerializerName);
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
        return connect(name, info, IpcmFacade.get().poolParams(pool));
    }

    /**
     * Connects a client that uses exactly this connection, which the application keeps owning
     * (the client never closes it; after its work the connection is as the client left it).
     * It has no second connection: on PostgreSQL it polls for messages instead of listening.
     */
    @API(status = API.Status.EXPERIMENTAL, since = "0.1")
    public static Client connect(String name, String info, java.sql.Connection connection) {
        return connect(name, info, IpcmFacade.get().connectionParams(connection));
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
        return IpcmFacade.get().connect(name, info, reconnect, params);
    }
}
