package com.example.ipcm.broken;

import com.example.ipcm.DirectoryStoreProtocol;
import dev.ipcm.Client;
import dev.ipcm.engine.fixtures.ForwardingClient;
import dev.ipcm.engine.fixtures.ForwardingProtocol;
import dev.ipcm.spi.ConnectRequest;
import java.util.List;
import java.util.stream.Stream;

/**
 * DirectoryStore, except that a client's peers include the client itself, as a listing of the
 * store's mailboxes that forgets to leave out the caller's own would.
 */
public final class ListsItselfAsPeer extends ForwardingProtocol {
    public ListsItselfAsPeer() {
        super(new DirectoryStoreProtocol());
    }

    @Override
    protected Client wrap(Client client, ConnectRequest request) {
        return new ForwardingClient(client) {
            @Override
            public List<String> peers() {
                return Stream.concat(delegate.peers().stream(), Stream.of(delegate.name())).sorted().toList();
            }
        };
    }
}
