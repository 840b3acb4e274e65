package com.example.ipcm.broken;

import com.example.ipcm.DirectoryStoreProtocol;
import dev.ipcm.Client;
import dev.ipcm.Message;
import dev.ipcm.NoSuchPeerException;
import dev.ipcm.StoreGoneException;
import dev.ipcm.engine.fixtures.ForwardingClient;
import dev.ipcm.engine.fixtures.ForwardingProtocol;
import dev.ipcm.spi.ConnectRequest;
import java.time.Duration;
import java.util.List;

/** DirectoryStore, except that a destroyed store looks like an empty inbox and an absent peer (as AtomicPipe once did). */
public final class GoneStoreLooksEmpty extends ForwardingProtocol {
    public GoneStoreLooksEmpty() {
        super(new DirectoryStoreProtocol());
    }

    @Override
    protected Client wrap(Client client, ConnectRequest request) {
        return new ForwardingClient(client) {
            @Override
            public List<Message> receive() {
                try {
                    return delegate.receive();
                } catch (StoreGoneException e) {
                    return List.of();
                }
            }

            @Override
            public List<Message> awaitMessages(Duration timeout) {
                try {
                    return delegate.awaitMessages(timeout);
                } catch (StoreGoneException e) {
                    return List.of();
                }
            }

            @Override
            public Message send(String peer, Object content) {
                try {
                    return delegate.send(peer, content);
                } catch (StoreGoneException e) {
                    throw new NoSuchPeerException("Client '" + peer + "' does not exist");
                }
            }
        };
    }
}
