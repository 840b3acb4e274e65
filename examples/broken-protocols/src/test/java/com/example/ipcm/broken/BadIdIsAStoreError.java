package com.example.ipcm.broken;

import com.example.ipcm.DirectoryStoreProtocol;
import dev.ipcm.Client;
import dev.ipcm.IpcmException;
import dev.ipcm.Message;
import dev.ipcm.engine.fixtures.ForwardingClient;
import dev.ipcm.engine.fixtures.ForwardingProtocol;
import dev.ipcm.spi.ConnectRequest;

/** DirectoryStore, except that an id it cannot keep fails as a storage error, not as bad content (as MariaDB once did). */
public final class BadIdIsAStoreError extends ForwardingProtocol {
    public BadIdIsAStoreError() {
        super(new DirectoryStoreProtocol());
    }

    @Override
    protected Client wrap(Client client, ConnectRequest request) {
        return new ForwardingClient(client) {
            @Override
            public Message send(Message message) {
                if (!message.id().matches("[0-9A-Fa-f-]{36}")) {
                    throw new IpcmException("Cannot write message " + message.id() + ": the store refused it");
                }
                return delegate.send(message);
            }
        };
    }
}
