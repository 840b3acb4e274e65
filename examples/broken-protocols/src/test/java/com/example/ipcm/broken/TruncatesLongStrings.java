package com.example.ipcm.broken;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;

/** DirectoryStore, except that a string in the content is cut to 4096 characters, as a VARCHAR column would. */
public final class TruncatesLongStrings extends RewritesSentContent {
    private static final int COLUMN_WIDTH = 4096;

    @Override
    JsonNode leaf(JsonNode value) {
        return value.isTextual() && value.textValue().length() > COLUMN_WIDTH
                ? TextNode.valueOf(value.textValue().substring(0, COLUMN_WIDTH)) : value;
    }
}
