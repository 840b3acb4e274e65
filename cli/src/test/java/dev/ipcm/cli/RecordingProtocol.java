package dev.ipcm.cli;

import dev.ipcm.Capabilities;
import dev.ipcm.Client;
import dev.ipcm.protocol.memory.LocalMemoryProtocol;
import dev.ipcm.spi.Availability;
import dev.ipcm.spi.ConnectRequest;
import dev.ipcm.spi.Protocol;
import dev.ipcm.spi.SpawnRequest;
import dev.ipcm.spi.Spawned;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A LocalMemory store that remembers the parameters each client connected with, so tests can see
 * what the command passed on ({@code user}, {@code password}). Registered for tests only.
 */
public final class RecordingProtocol implements Protocol {
    static final Map<String, Map<String, String>> CONNECT_PARAMS = new ConcurrentHashMap<>();
    static final Map<String, Map<String, String>> SPAWN_PARAMS = new ConcurrentHashMap<>();

    private final LocalMemoryProtocol memory = new LocalMemoryProtocol();

    @Override
    public String name() {
        return "Recording";
    }

    @Override
    public String referenceName() {
        return "+" + getClass().getName();
    }

    @Override
    public Capabilities capabilities() {
        return memory.capabilities();
    }

    @Override
    public Availability availability() {
        return memory.availability();
    }

    @Override
    public Spawned spawn(SpawnRequest request) {
        Spawned spawned = memory.spawn(request);
        SPAWN_PARAMS.put(spawned.route(), Map.copyOf(request.params()));
        return spawned;
    }

    @Override
    public void unspawn(String route, AutoCloseable stash) {
        memory.unspawn(route, stash);
    }

    @Override
    public boolean storeExists(String route) {
        return memory.storeExists(route);
    }

    @Override
    public Client connect(ConnectRequest request) {
        CONNECT_PARAMS.put(request.name(), request.params());
        return memory.connect(request);
    }
}
