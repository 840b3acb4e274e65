package com.example.ipcm.broken;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;

/** DirectoryStore, except that a received message's stamp passes through a float column and comes back with noise digits. */
public final class StampViaFloat extends RewritesReceived {
    @Override
    void rewrite(ObjectNode wire) {
        wire.put("stamp", new BigDecimal(wire.get("stamp").asText()).add(new BigDecimal("0.0000001")));
    }
}
