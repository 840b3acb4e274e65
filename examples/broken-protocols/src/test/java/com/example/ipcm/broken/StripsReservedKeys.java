package com.example.ipcm.broken;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * DirectoryStore, except that it treats {@code ipcm_}-prefixed keys of an object content as its
 * own bookkeeping and removes them on delivery, as a store that keeps private metadata in the
 * content would. Plain messages arrive intact; a service's requests and answers lose the ids
 * that make them requests and answers ({@code ipcm_request_id}, {@code ipcm_response_id}).
 */
public final class StripsReservedKeys extends RewritesReceived {
    @Override
    void rewrite(ObjectNode wire) {
        JsonNode content = wire.get("content");
        if (content instanceof ObjectNode object) {
            List<String> reserved = new ArrayList<>();
            object.fieldNames().forEachRemaining(k -> {
                if (k.startsWith("ipcm_")) {
                    reserved.add(k);
                }
            });
            object.remove(reserved);
        }
    }
}
