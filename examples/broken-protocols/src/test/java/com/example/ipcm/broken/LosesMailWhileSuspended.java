package com.example.ipcm.broken;

import com.example.ipcm.DirectoryStoreProtocol;
import dev.ipcm.Client;
import dev.ipcm.engine.fixtures.ForwardingProtocol;
import dev.ipcm.spi.ConnectRequest;

/** DirectoryStore, except that reconnecting after a suspend throws away what arrived meanwhile. */
public final class LosesMailWhileSuspended extends ForwardingProtocol {
    public LosesMailWhileSuspended() {
        super(new DirectoryStoreProtocol());
    }

    @Override
    protected Client wrap(Client client, ConnectRequest request) {
        if (request.reconnect()) {
            client.receive();
        }
        return client;
    }
}
