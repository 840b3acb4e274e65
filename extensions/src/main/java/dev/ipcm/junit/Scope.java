package dev.ipcm.junit;

import dev.ipcm.Client;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the harness made for one test context: the store it owns (if this context spawned one)
 * and the clients it connected. Closing disconnects the clients, then closes the store.
 */
final class Scope implements AutoCloseable {
    private final Scope parent;
    private Fixture fixture;
    private final Map<String, Client> clients = new LinkedHashMap<>();
    private boolean settled;

    Scope(Scope parent) {
        this.parent = parent;
    }

    /** The nearest store, here or in an enclosing scope. */
    synchronized Optional<Fixture> fixture() {
        if (fixture != null) {
            return Optional.of(fixture);
        }
        return parent == null ? Optional.empty() : parent.fixture();
    }

    synchronized Fixture own(java.util.function.Supplier<Fixture> spawn) {
        if (fixture == null) {
            fixture = spawn.get();
        }
        return fixture;
    }

    /** The client of that name made here or in an enclosing scope, if any. */
    synchronized Optional<Client> client(String name) {
        Client c = clients.get(name);
        if (c != null && !c.isDisconnected()) {
            return Optional.of(c);
        }
        return parent == null ? Optional.empty() : parent.client(name);
    }

    synchronized void add(Client c) {
        clients.put(c.name(), c);
    }

    /** Disconnects this scope's clients; when it owns the store, returns its sanity mismatch. */
    synchronized Map<String, Long> settle() {
        settled = true;
        for (Client c : reversed(new ArrayList<>(clients.values()))) {
            Fixture.Clients.disconnectQuietly(c);
        }
        clients.clear();
        return fixture == null ? Map.of() : fixture.settle();
    }

    /**
     * Settles this scope and, when the store it owns was left unbalanced, returns the failure
     * text that names every mismatch.
     */
    synchronized Optional<String> settleMismatch() {
        Map<String, Long> delta = settle();
        return delta.isEmpty() ? Optional.empty() : Optional.of(fixture.mismatch(delta));
    }

    @Override
    public synchronized void close() {
        if (!settled) {
            settle();
        }
        if (fixture != null) {
            fixture.close();
        }
    }

    static <T> List<T> reversed(List<T> list) {
        List<T> out = new ArrayList<>(list);
        java.util.Collections.reverse(out);
        return out;
    }
}
