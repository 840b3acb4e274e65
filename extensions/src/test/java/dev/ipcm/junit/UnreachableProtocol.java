package dev.ipcm.junit;

import dev.ipcm.Capabilities;
import dev.ipcm.Capability;
import dev.ipcm.Client;
import dev.ipcm.NotSupportedException;
import dev.ipcm.protocol.memory.LocalMemoryProtocol;
import dev.ipcm.spi.Availability;
import dev.ipcm.spi.ConnectRequest;
import dev.ipcm.spi.Protocol;
import dev.ipcm.spi.SpawnRequest;
import dev.ipcm.spi.Spawned;

/**
 * A server protocol whose server never runs here, for the skip/required tests. Given a
 * {@code url} (as the harness passes one from {@code ipcm.unreachable.url}) it spawns a
 * LocalMemory store, so the URL path can be observed too.
 */
public final class UnreachableProtocol implements Protocol {
    private final LocalMemoryProtocol memory = new LocalMemoryProtocol();

    @Override
    public String name() {
        return "Unreachable";
    }

    @Override
    public String referenceName() {
        return "+" + UnreachableProtocol.class.getName();
    }

    @Override
    public Capabilities capabilities() {
        return Capabilities.of(Capability.REQUIRES_SERVER);
    }

    @Override
    public Availability availability() {
        return Availability.unavailable("the unreachable server is not running", "set IPCM_UNREACHABLE_URL");
    }

    @Override
    public Spawned spawn(SpawnRequest request) {
        String url = request.param("server").orElseThrow(() -> new NotSupportedException("no url given"));
        Spawned s = memory.spawn(request);
        LAST_URL = url;
        return s;
    }

    static volatile String LAST_URL;

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
