package dev.ipcm.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.ipcm.ContentException;
import dev.ipcm.internal.Json;

/** Reads a message's content from a command-line argument: exactly one JSON value, not null. */
final class JsonArgument {
    // Trailing text after the value would be silently dropped by a plain readTree.
    private static final ObjectReader READER = Json.mapper().reader()
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private JsonArgument() {}

    /**
     * Parses the argument.
     *
     * @throws ContentException saying what is wrong with the text and how to write it
     */
    static JsonNode parse(String text) {
        JsonNode node;
        try {
            node = READER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new ContentException("The message content is not valid JSON (" + firstLine(e.getOriginalMessage())
                    + "): got " + quote(text) + "; write text as a JSON string, e.g. '\"hello\"'", e);
        }
        if (node == null || node.isMissingNode()) {
            throw new ContentException("The message content is empty: pass one JSON value such as '{\"k\":1}' or '\"text\"'");
        }
        if (node.isNull()) {
            throw new ContentException("The message content is null, which a message cannot carry: pass any other JSON value");
        }
        return node;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unreadable";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private static String quote(String text) {
        String t = text.length() > 80 ? text.substring(0, 80) + "..." : text;
        return "'" + t.replace("\n", "\\n") + "'";
    }
}
