package com.example.ipcm.broken;

import com.example.ipcm.DirectoryStoreProtocol;
import dev.ipcm.Client;
import dev.ipcm.engine.fixtures.ForwardingClient;
import dev.ipcm.engine.fixtures.ForwardingProtocol;
import dev.ipcm.spi.ConnectRequest;
import java.time.Duration;

/** DirectoryStore, except that a registered peer counts as active even when its process is dead. */
public final class ReportsDeadPeerAlive extends ForwardingProtocol {
    public ReportsDeadPeerAlive() {
        super(new DirectoryStoreProtocol());
    }

    @Override
    protected Client wrap(Client client, ConnectRequest request) {
        return new ForwardingClient(client) {
            @Override
            public boolean peerActive(String peer) {
                return delegate.peerExists(peer);
            }

            @Override
            public boolean awaitPeerActive(String peer, Duration timeout) {
                return delegate.peerExists(peer) || delegate.awaitPeerActive(peer, timeout);
            }
        };
    }
}
