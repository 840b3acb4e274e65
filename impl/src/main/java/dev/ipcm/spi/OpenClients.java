package dev.ipcm.spi;

import dev.ipcm.Client;
import org.apiguardian.api.API;

/**
 * This JVM's open clients, for a {@link Client} that is not an {@link AbstractClient} (one living
 * in a driver process, say; {@code AbstractClient} registers itself): a registered client is
 * disconnected by a store's shutdown instead of waited for, and by a normal JVM exit.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class OpenClients {
    private OpenClients() {}

    /** Counts the client among this JVM's open clients until {@link #left}. */
    public static void register(Client client) {
        LocalClients.add(client);
    }

    /** The client has disconnected or suspended. */
    public static void left(Client client) {
        LocalClients.remove(client);
    }
}
