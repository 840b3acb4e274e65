package dev.ipcm;

import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * The protocol's side of one spawned {@link Store}: its implementation, in
 * {@code dev.ipcm.spi}, holds the store's protocol and serializer, which {@code Store} itself
 * does not name so that this package imports nothing of the SPI.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public abstract class StoreBackend {
    /** For the one implementation. */
    protected StoreBackend() {}

    /** The backend of a store, for {@code dev.ipcm.spi.Stores}. */
    public static StoreBackend of(Store store) {
        return store.backend();
    }

    /** The store's connection info. */
    protected abstract ConnectionInfo info();

    /** What the store's protocol can do. */
    protected abstract Capabilities capabilities();

    /** Connects (or reconnects) a client under {@code name}. */
    protected abstract Client connect(String name, Map<String, String> params, boolean reconnect);

    /** Destroys the store. */
    protected abstract void unspawn();

    /** The clients this JVM has open on the store. */
    protected abstract List<Client> openClients();
}
