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

    /** Whether the store at a route still exists. */
    boolean storeExists(String route);

    /** Connects (or reconnects) a client and registers it in the store. */
    Client connect(ConnectRequest request);
}
