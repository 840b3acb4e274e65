package dev.ipcm.spi;

import dev.ipcm.Client;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every client open in this JVM. A store's shutdown disconnects its own process's clients
 * first (so it does not wait on itself), and a JVM exiting normally disconnects the rest, as a
 * Perl process does when its client objects are destroyed.
 */
final class LocalClients {
    private static final Set<Client> OPEN = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(LocalClients::disconnectAll, "ipcm-client-exit"));
    }

    private LocalClients() {}

    static void add(Client client) {
        OPEN.add(client);
    }

    static void remove(Client client) {
        OPEN.remove(client);
    }

    /**
     * Refuses to reconnect a name this JVM still has connected on the store: a store cannot tell
     * a live client of this process from a suspended one by its pid, so the JVM is asked, once
     * for every protocol (docs/conformance.md, "One error per situation").
     */
    static void refuseReconnectOfOpen(String route, String name, long pid) {
        for (Client c : OPEN) {
            if (c.info().route().equals(route) && c.name().equals(name) && !c.isDisconnected()) {
                throw new dev.ipcm.NameTakenException("Connection already running in this process (pid " + pid + ") for '"
                        + name + "'; only a suspended client can be reconnected: suspend or disconnect it first");
            }
        }
    }

    /** The open clients of one store. */
    static List<Client> forRoute(String route) {
        List<Client> out = new ArrayList<>();
        for (Client c : OPEN) {
            if (c.info().route().equals(route)) {
                out.add(c);
            }
        }
        return out;
    }

    private static void disconnectAll() {
        for (Client c : new ArrayList<>(OPEN)) {
            try {
                c.disconnect();
            } catch (RuntimeException ignored) {
                // At exit a failed disconnect can only be ignored; peers will see a dead pid instead.
            }
        }
    }
}
