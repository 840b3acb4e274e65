package com.example.ipcm.broken;

import com.example.ipcm.DirectoryStoreProtocol;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ipcm.Client;
import dev.ipcm.Message;
import dev.ipcm.engine.fixtures.ForwardingClient;
import dev.ipcm.engine.fixtures.ForwardingProtocol;
import dev.ipcm.internal.Json;
import dev.ipcm.spi.ConnectRequest;

/** DirectoryStore with every leaf value of sent content passed through one faulty conversion. */
abstract class RewritesSentContent extends ForwardingProtocol {
    RewritesSentContent() {
        super(new DirectoryStoreProtocol());
    }

    /** Converts one leaf (string, number, boolean or null) as the faulty store would. */
    abstract JsonNode leaf(JsonNode value);

    @Override
    protected Client wrap(Client client, ConnectRequest request) {
        return new ForwardingClient(client) {
            @Override
            public Message send(String peer, Object content) {
                return delegate.send(peer, walk(Json.toTree(content)));
            }
        };
    }

    private JsonNode walk(JsonNode node) {
        if (node.isArray()) {
            ArrayNode out = Json.mapper().createArrayNode();
            node.forEach(e -> out.add(walk(e)));
            return out;
        }
        if (node.isObject()) {
            ObjectNode out = Json.mapper().createObjectNode();
            node.properties().forEach(e -> out.set(e.getKey(), walk(e.getValue())));
            return out;
        }
        return leaf(node);
    }
}
