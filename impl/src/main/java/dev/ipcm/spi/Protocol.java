package dev.ipcm.spi;

import dev.ipcm.Capabilities;
import dev.ipcm.Client;
import java.util.Optional;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * A store plugin. Implementations are found with {@link java.util.ServiceLoader}: list the
 * class in {@code META-INF/services/dev.ipcm.spi.Protocol}.
 *
 * <p>A protocol is stateless; everything about one store lives in its route, and everything
 * about one client in the {@link Client} that {@link #connect} returns.
 */
@API(status = API.Status.STABLE, since = "0.1")
public interface Protocol {
    /** The short name, e.g. {@code MessageFiles}. */
    String name();

    /**
     * The name written into info strings. Protocols shared with IPC::Manager use the Perl class
     * name; a Java-only plugin uses {@code +} and its class name.
     */
    default String referenceName() {
        return "IPC::Manager::Client::" + name();
    }

    /**
     * The implementation's own services, where the protocol fronts one that is not ipcm (a
     * driver's); empty, the default, for every protocol ipcm's services run on.
     */
    @API(status = API.Status.EXPERIMENTAL, since = "0.1")
    default Optional<NativeServices> nativeServices() {
        return Optional.empty();
    }

    /** What the protocol can do. */
    Capabilities capabilities();

    /** Whether it can run here now; never throws. */
    Availability availability();

    /**
     * The spawn parameters this protocol reads. {@code Ipcm.spawn} refuses any other with
     * {@link dev.ipcm.NotSupportedException} naming these, so a misspelt parameter is never
     * silently ignored. Empty (the default, for plugins that do not declare them): no check.
     */
    default Optional<Set<String>> spawnParameters() {
        return Optional.empty();
    }

    /** Creates a fresh store. */
    Spawned spawn(SpawnRequest request);

    /** Destroys a store created by {@link #spawn}; the stash is the one spawn returned. */
    void unspawn(String route, AutoCloseable stash);

    /**
     * Records, next to a store this protocol spawned, the process that will destroy it when it
     * ends, or removes the record when {@code owner} is empty (the store was kept, so nobody
     * destroys it). A store with no record is never swept. The default records nothing.
     *
     * @param stash the stash spawn returned
     */
    @API(status = API.Status.EXPERIMENTAL, since = "0.1")
    default void recordOwner(String route, AutoCloseable stash, Optional<StoreOwner> owner) {}

    /**
     * Destroys this protocol's stores where a spawn of {@code request} would create one (the same
     * parent directory, the same server) whose recorded owner is dead on this host
     * ({@link StoreOwner#isDeadHere()}), and only those. Called by {@code Ipcm.spawn} before the
     * spawn; an exception is logged as a warning and never fails the spawn. The default sweeps
     * nothing.
     */
    @API(status = API.Status.EXPERIMENTAL, since = "0.1")
    default void sweepDeadOwners(SpawnRequest request) {}

    /** Whether the store at a route still exists. */
    boolean storeExists(String route);

    /** Connects (or reconnects) a client and registers it in the store. */
    Client connect(ConnectRequest request);
}
