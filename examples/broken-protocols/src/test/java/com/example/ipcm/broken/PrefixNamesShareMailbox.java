package com.example.ipcm.broken;

import com.example.ipcm.DirectoryStoreProtocol;
import dev.ipcm.Client;
import dev.ipcm.Message;
import dev.ipcm.engine.fixtures.ForwardingClient;
import dev.ipcm.engine.fixtures.ForwardingProtocol;
import dev.ipcm.spi.ConnectRequest;

/**
 * DirectoryStore, except that a recipient is looked up by prefix (the first listed peer the name
 * starts with, as a {@code LIKE 'name%'} match turned around would): {@code ppp} gets the mail
 * of {@code pppa}.
 */
public final class PrefixNamesShareMailbox extends ForwardingProtocol {
    public PrefixNamesShareMailbox() {
        super(new DirectoryStoreProtocol());
    }

    @Override
    protected Client wrap(Client client, ConnectRequest request) {
        return new ForwardingClient(client) {
            @Override
            public Message send(String peer, Object content) {
                String mailbox = delegate.peers().stream().filter(peer::startsWith).findFirst().orElse(peer);
                return delegate.send(mailbox, content);
            }
        };
    }
}
