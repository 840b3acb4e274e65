package com.example.ipcm.broken;

import com.example.ipcm.DirectoryStoreProtocol;
import dev.ipcm.Client;
import dev.ipcm.Message;
import dev.ipcm.engine.fixtures.ForwardingClient;
import dev.ipcm.engine.fixtures.ForwardingProtocol;
import dev.ipcm.spi.ConnectRequest;

/** DirectoryStore, except that each client silently drops one message in a hundred it sends. */
public final class DropsOneInAHundred extends ForwardingProtocol {
    /** Which send of every hundred is lost: early, so short scenarios meet it too. */
    static final int DROPPED = 3;

    public DropsOneInAHundred() {
        super(new DirectoryStoreProtocol());
    }

    @Override
    protected Client wrap(Client client, ConnectRequest request) {
        return new ForwardingClient(client) {
            private int sent;

            @Override
            public Message send(String peer, Object content) {
                if (++sent % 100 == DROPPED) {
                    return Message.builder(name()).to(peer).content(content).build();
                }
                return delegate.send(peer, content);
            }

            @Override
            public Message send(Message message) {
                if (++sent % 100 == DROPPED) {
                    return message;
                }
                return delegate.send(message);
            }
        };
    }
}
