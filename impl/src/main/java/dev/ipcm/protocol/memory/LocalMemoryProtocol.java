package dev.ipcm.protocol.memory;

import dev.ipcm.Capabilities;
import dev.ipcm.Capability;
import dev.ipcm.Client;
import dev.ipcm.StoreGoneException;
import dev.ipcm.spi.Availability;
import dev.ipcm.spi.ConnectRequest;
import dev.ipcm.spi.Protocol;
import dev.ipcm.spi.SpawnRequest;
import dev.ipcm.spi.Spawned;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apiguardian.api.API;

/**
 * LocalMemory: a store inside this JVM, for tests. Nothing crosses a process boundary, so it
 * cannot interoperate with Perl or with other JVMs; it runs the whole client contract fast.
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class LocalMemoryProtocol implements Protocol {
    static final Capabilities CAPABILITIES = Capabilities.of(Capability.SUSPEND, Capability.SUSPEND_KEEPS_PID,
            Capability.MESSAGE_WAKEUP, Capability.INTERRUPTIBLE_WAIT);
    private static final AtomicLong COUNTER = new AtomicLong();
    private static final Map<String, MemoryStore> STORES = new ConcurrentHashMap<>();

    @Override
    public String name() {
        return "LocalMemory";
    }

    @Override
    public Capabilities capabilities() {
        return CAPABILITIES;
    }

    @Override
    public Availability availability() {
        return Availability.available();
    }

    /** {@code route} (the in-JVM store's name). */
    @Override
    public java.util.Optional<java.util.Set<String>> spawnParameters() {
        return java.util.Optional.of(java.util.Set.of("route"));
    }

    @Override
    public Spawned spawn(SpawnRequest request) {
        String route = request.param("route").orElseGet(() -> "localmemory-" + COUNTER.incrementAndGet());
        STORES.putIfAbsent(route, new MemoryStore());
        return new Spawned(route, null);
    }

    @Override
    public void unspawn(String route, AutoCloseable stash) {
        MemoryStore s = STORES.remove(route);
        if (s != null) {
            s.destroy();
        }
    }

    @Override
    public boolean storeExists(String route) {
        return STORES.containsKey(route);
    }

    @Override
    public Client connect(ConnectRequest request) {
        return new LocalMemoryClient(request, store(request.route()));
    }

    static MemoryStore store(String route) {
        MemoryStore s = STORES.get(route);
        if (s == null) {
            throw new StoreGoneException("Route '" + route + "' does not exist: LocalMemory stores live only inside "
                    + "the JVM that spawned them");
        }
        return s;
    }
}
