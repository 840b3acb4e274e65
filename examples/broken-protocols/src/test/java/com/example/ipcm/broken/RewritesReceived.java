package com.example.ipcm.broken;

import com.example.ipcm.DirectoryStoreProtocol;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ipcm.Client;
import dev.ipcm.Message;
import dev.ipcm.engine.fixtures.ForwardingClient;
import dev.ipcm.engine.fixtures.ForwardingProtocol;
import dev.ipcm.spi.ConnectRequest;
import java.time.Duration;
import java.util.List;

/** DirectoryStore with every received message's wire form passed through one faulty rewrite. */
abstract class RewritesReceived extends ForwardingProtocol {
    RewritesReceived() {
        super(new DirectoryStoreProtocol());
    }

    /** Damages one field of a received message, in place. */
    abstract void rewrite(ObjectNode wire);

    @Override
    protected Client wrap(Client client, ConnectRequest request) {
        return new ForwardingClient(client) {
            @Override
            public List<Message> receive() {
                return rewriteAll(delegate.receive());
            }

            @Override
            public List<Message> awaitMessages(Duration timeout) {
                return rewriteAll(delegate.awaitMessages(timeout));
            }
        };
    }

    private List<Message> rewriteAll(List<Message> batch) {
        return batch.stream().map(m -> {
            ObjectNode wire = m.toJson();
            rewrite(wire);
            return Message.fromJson(wire);
        }).toList();
    }
}
