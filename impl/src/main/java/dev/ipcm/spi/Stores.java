package dev.ipcm.spi;

import dev.ipcm.Client;
import dev.ipcm.Store;
import dev.ipcm.serial.Serializer;
import java.util.List;
import org.apiguardian.api.API;

/**
 * The protocol, the serializer and this JVM's open clients of a spawned {@link Store}. They are asked for here rather than
 * on {@code Store}, because the API package does not name the SPI's types (docs/architecture.md).
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class Stores {
    private Stores() {}

    /** The protocol {@code store} was spawned with: the same instance its clients connect through. */
    public static Protocol protocol(Store store) {
        return backend(store).protocol();
    }

    /** The serializer {@code store} was spawned with. */
    public static Serializer serializer(Store store) {
        return backend(store).serializer();
    }

    /** The clients this JVM has open on {@code store}, as its shutdown disconnects them. */
    public static List<Client> openClients(Store store) {
        return LocalClients.forRoute(store.route());
    }

    private static ProtocolStoreBackend backend(Store store) {
        return (ProtocolStoreBackend) store.backend();
    }
}
