package com.example.ipcm.broken;

import com.example.ipcm.DirectoryStoreProtocol;
import dev.ipcm.Client;
import dev.ipcm.Message;
import dev.ipcm.engine.fixtures.ForwardingClient;
import dev.ipcm.engine.fixtures.ForwardingProtocol;
import dev.ipcm.spi.ConnectRequest;

/** DirectoryStore, except that each client's second message is delivered twice. */
public final class DeliversOneTwice extends ForwardingProtocol {
    public DeliversOneTwice() {
        super(new DirectoryStoreProtocol());
    }

    @Override
    protected Client wrap(Client client, ConnectRequest request) {
        return new ForwardingClient(client) {
            private int sent;

            @Override
            public Message send(String peer, Object content) {
                Message m = delegate.send(peer, content);
                if (++sent == 2) {
                    delegate.send(m);
                }
                return m;
            }

            @Override
            public Message send(Message message) {
                Message m = delegate.send(message);
                if (++sent == 2) {
                    delegate.send(m);
                }
                return m;
            }
        };
    }
}
