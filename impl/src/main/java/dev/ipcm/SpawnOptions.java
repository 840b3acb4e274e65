package dev.ipcm;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * How to create a store: protocol, serializer, guard, shutdown behaviour and protocol
 * parameters. Every setting has a default, so {@code SpawnOptions.defaults()} spawns on the
 * first available protocol of the default list with plain JSON.
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class SpawnOptions {
    /** How long shutdown waits for peers to leave when nothing else is said (IPC::Manager's value). */
    public static final Duration DEFAULT_PEER_TIMEOUT = Duration.ofSeconds(60);

    private String protocol;
    private List<String> protocols;
    private String serializer;
    private boolean guard = true;
    private boolean sanityCheck;
    private String signal;
    private Duration peerTimeout;
    private final Map<String, String> params = new LinkedHashMap<>();

    private SpawnOptions() {}

    /** All defaults. */
    public static SpawnOptions defaults() {
        return new SpawnOptions();
    }

    /** Use this protocol (any accepted name form), without an availability check. */
    public SpawnOptions protocol(String name) {
        this.protocol = name;
        return this;
    }

    /** Try these protocols in order and use the first available one. */
    public SpawnOptions protocols(List<String> names) {
        this.protocols = List.copyOf(names);
        return this;
    }

    /** The serializer name or spec ({@code JSON}, {@code JSON::Zstd}, {@code ["JSON::Zstd","level",9]}). */
    public SpawnOptions serializer(String nameOrSpec) {
        this.serializer = nameOrSpec;
        return this;
    }

    /**
     * Spawns the store in the database this pool serves (its tables are created there), and
     * every client this JVM connects to the store takes its connections from it: the
     * reference's {@code dbh}. The info string carries the database's route without
     * credentials, so other processes (and Perl) reach the store with their own. When no
     * protocol is named, the pool's JDBC URL names it. See docs/protocols/databases.md.
     */
    @API(status = API.Status.EXPERIMENTAL, since = "0.1")
    public SpawnOptions dataSource(javax.sql.DataSource pool) {
        params.putAll(IpcmFacade.get().poolParams(pool));
        if (protocol == null && protocols == null) {
            protocol = IpcmFacade.get().protocolOf(pool);
        }
        return this;
    }

    /** Whether closing the store shuts it down and deletes it (default true). */
    public SpawnOptions guard(boolean value) {
        this.guard = value;
        return this;
    }

    /** Whether shutdown compares sent and received counts and throws on a mismatch (default false). */
    public SpawnOptions sanityCheck(boolean value) {
        this.sanityCheck = value;
        return this;
    }

    /** A signal (e.g. {@code TERM}, {@code USR1}) sent to every client's pid at shutdown, before the terminate message. */
    public SpawnOptions signal(String name) {
        this.signal = name;
        return this;
    }

    /** How long shutdown waits for clients to leave (default 60 s, or {@code IPC_MANAGER_SPAWN_PEER_TIMEOUT}). */
    public SpawnOptions peerTimeout(Duration timeout) {
        this.peerTimeout = timeout;
        return this;
    }

    /** A protocol parameter: {@code route}, {@code template}, {@code user}, {@code password}, ... */
    public SpawnOptions param(String key, String value) {
        params.put(key, value);
        return this;
    }

    Optional<String> protocol() {
        return Optional.ofNullable(protocol);
    }

    Optional<List<String>> protocols() {
        return Optional.ofNullable(protocols);
    }

    Optional<String> serializer() {
        return Optional.ofNullable(serializer);
    }

    boolean guard() {
        return guard;
    }

    boolean sanityCheck() {
        return sanityCheck;
    }

    Optional<String> signal() {
        return Optional.ofNullable(signal);
    }

    Duration peerTimeout() {
        if (peerTimeout != null) {
            return peerTimeout;
        }
        String env = System.getenv("IPC_MANAGER_SPAWN_PEER_TIMEOUT");
        if (env != null && !env.isBlank()) {
            try {
                return Duration.ofMillis((long) (Double.parseDouble(env.trim()) * 1000));
            } catch (NumberFormatException e) {
                throw new IpcmException("IPC_MANAGER_SPAWN_PEER_TIMEOUT must be a number of seconds, got '" + env + "'");
            }
        }
        return DEFAULT_PEER_TIMEOUT;
    }

    Map<String, String> params() {
        return params;
    }
}
