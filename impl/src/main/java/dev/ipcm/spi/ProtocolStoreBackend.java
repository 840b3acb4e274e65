package dev.ipcm.spi;

import dev.ipcm.Capabilities;
import dev.ipcm.Client;
import dev.ipcm.ConnectionInfo;
import dev.ipcm.StoreBackend;
import dev.ipcm.serial.Serializer;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A spawned store as its protocol sees it: the protocol, the serializer, and what unspawn closes. */
record ProtocolStoreBackend(Protocol protocol, Serializer serializer, ConnectionInfo info, AutoCloseable stash)
        implements StoreBackend {
    @Override
    public Capabilities capabilities() {
        return protocol.capabilities();
    }

    @Override
    public Client connect(String name, Map<String, String> params, boolean reconnect) {
        return protocol.connect(new ConnectRequest(name, info, serializer, reconnect, params));
    }

    @Override
    public void unspawn() {
        protocol.unspawn(info.route(), stash);
    }

    @Override
    public void recordOwner(long pid) {
        protocol.recordOwner(info.route(), stash, pid == 0 ? Optional.empty() : StoreOwner.of(pid));
    }

    @Override
    public List<Client> openClients() {
        return LocalClients.forRoute(info.route());
    }
}
