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
public interface StoreBackend {
    /** The backend of a store, for {@code dev.ipcm.spi.Stores}. */
    static StoreBackend of(Store store) {
        return store.backend();
    }

    /** The store's connection info. */
    ConnectionInfo info();

    /** What the store's protocol can do. */
    Capabilities capabilities();

    /** Connects (or reconnects) a client under {@code name}. */
    Client connect(String name, Map<String, String> params, boolean reconnect);

    /** Destroys the store. */
    void unspawn();

    /** The clients this JVM has open on the store. */
    List<Client> openClients();
}
