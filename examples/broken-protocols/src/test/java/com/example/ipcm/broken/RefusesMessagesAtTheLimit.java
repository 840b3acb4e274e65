package com.example.ipcm.broken;

import com.example.ipcm.DirectoryStoreProtocol;
import dev.ipcm.Capabilities;
import dev.ipcm.Client;
import dev.ipcm.Message;
import dev.ipcm.MessageTooLargeException;
import dev.ipcm.engine.fixtures.ForwardingClient;
import dev.ipcm.engine.fixtures.ForwardingProtocol;
import dev.ipcm.spi.ConnectRequest;

/**
 * DirectoryStore with a declared limit of 64 KiB per message, except that the check reserves
 * room for the envelope a second time: a message of exactly the declared size is refused.
 */
public final class RefusesMessagesAtTheLimit extends ForwardingProtocol {
    private static final int LIMIT = 64 * 1024;
    private static final int ENVELOPE_RESERVE = 512;

    public RefusesMessagesAtTheLimit() {
        super(new DirectoryStoreProtocol());
    }

    @Override
    public Capabilities capabilities() {
        return delegate.capabilities().withMaxMessageBytes(LIMIT);
    }

    @Override
    protected Client wrap(Client client, ConnectRequest request) {
        return new ForwardingClient(client) {
            @Override
            public Message send(String peer, Object content) {
                Message m = Message.builder(name()).to(peer).content(content).build();
                int size = request.serializer().serializeMessage(m).length;
                if (size + ENVELOPE_RESERVE > LIMIT) {
                    throw new MessageTooLargeException("Message to '" + peer + "' is " + size
                            + " bytes serialized; this protocol carries at most " + LIMIT + " bytes");
                }
                return delegate.send(peer, content);
            }
        };
    }
}
