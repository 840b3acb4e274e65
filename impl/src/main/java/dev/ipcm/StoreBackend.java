package dev.ipcm;

import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * The protocol's side of one spawned store: its implementation, in {@code dev.ipcm.spi}, holds
 * the store's protocol and serializer, which this package does not name, so that it imports
 * nothing of the SPI.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public interface StoreBackend {
    /** The store's connection info. */
    ConnectionInfo info();

    /** What the store's protocol can do. */
    Capabilities capabilities();

    /** Connects (or reconnects) a client under {@code name}. */
    Client connect(String name, Map<String, String> params, boolean reconnect);

    /** Destroys the store. */
    void unspawn();

    /**
     * Records next to the store that process {@code pid} destroys it, so a later spawn sweeps the
     * store if that process is killed; {@code 0} removes the record (docs/delivery.md, "Stores
     * outliving their owner").
     */
    void recordOwner(long pid);

    /** The clients this JVM has open on the store. */
    List<Client> openClients();
}
