package com.example.ipcm.broken;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DoubleNode;

/** DirectoryStore, except that every number in the content passes through a double, as a naive JSON codec does. */
public final class NumbersViaDouble extends RewritesSentContent {
    @Override
    JsonNode leaf(JsonNode value) {
        return value.isNumber() ? DoubleNode.valueOf(value.doubleValue()) : value;
    }
}
