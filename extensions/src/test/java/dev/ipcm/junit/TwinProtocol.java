package dev.ipcm.junit;

import dev.ipcm.Capabilities;
import dev.ipcm.Client;
import dev.ipcm.protocol.memory.LocalMemoryProtocol;
import dev.ipcm.spi.Availability;
import dev.ipcm.spi.ConnectRequest;
import dev.ipcm.spi.Protocol;
import dev.ipcm.spi.SpawnRequest;
import dev.ipcm.spi.Spawned;

/**
 * A second in-JVM protocol for the harness tests: LocalMemory's stores under another name and
 * with no declared capabilities, so per-protocol runs and capability skips can be observed.
 */
public final class TwinProtocol implements Protocol {
    private final LocalMemoryProtocol memory = new LocalMemoryProtocol();

    @Override
    public String name() {
        return "Twin";
    }

    @Override
    public String referenceName() {
        return "+" + TwinProtocol.class.getName();
    }

    @Override
    public Capabilities capabilities() {
        return Capabilities.of();
    }

    @Override
    public Availability availability() {
        return Availability.available();
    }

    @Override
    public Spawned spawn(SpawnRequest request) {
        return memory.spawn(request);
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
        return memory.connect(request);
    }
}
