package dev.ipcm.spi;

import dev.ipcm.Capabilities;
import dev.ipcm.Client;
import dev.ipcm.ConnectionInfo;
import dev.ipcm.StoreBackend;
import dev.ipcm.serial.Serializer;
import java.util.List;
import java.util.Map;

/** A spawned store as its protocol sees it: the protocol, the serializer, and what unspawn closes. */
final class ProtocolStoreBackend extends StoreBackend {
    private final Protocol protocol;
    private final Serializer serializer;
    private final ConnectionInfo info;
    private final AutoCloseable stash;

    ProtocolStoreBackend(Protocol protocol, Serializer serializer, ConnectionInfo info, AutoCloseable stash) {
        this.protocol = protocol;
        this.serializer = serializer;
        this.info = info;
        this.stash = stash;
    }

    Protocol protocol() {
        return protocol;
    }

    Serializer serializer() {
        return serializer;
    }

    @Override
    protected ConnectionInfo info() {
        return info;
    }

    @Override
    protected Capabilities capabilities() {
        return protocol.capabilities();
    }

    @Override
    protected Client connect(String name, Map<String, String> params, boolean reconnect) {
        return protocol.connect(new ConnectRequest(name, info, serializer, reconnect, params));
    }

    @Override
    protected void unspawn() {
        protocol.unspawn(info.route(), stash);
    }

    @Override
    protected List<Client> openClients() {
        return LocalClients.forRoute(info.route());
    }
}
