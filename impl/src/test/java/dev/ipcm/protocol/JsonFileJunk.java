package dev.ipcm.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ipcm.internal.Json;
import dev.ipcm.os.Fd;
import dev.ipcm.os.Os;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Random;

/**
 * Junk for a JSONFile inbox, written as another program sharing the store would: under the
 * store's exclusive {@code flock}, the file rewritten in place, still valid JSON (junk that breaks
 * the file itself is the journal's business, not a receiver's). Each entry is one that no
 * IPC::Manager client sends: a bare value, an object without sender or content, fields of the
 * wrong type, or the hostile bytes as a string.
 */
final class JsonFileJunk {
    private JsonFileJunk() {}

    static void addToInbox(Path store, String name, byte[] junk, Random rnd) throws Exception {
        try (Fd fd = Os.get().open(store, Fd.O_RDWR, 0)) {
            fd.lock(true);
            ObjectNode root = (ObjectNode) Json.decode(new String(fd.readAll(), StandardCharsets.UTF_8));
            JsonNode inbox = root.path("messages").path(name);
            if (inbox instanceof ArrayNode entries) {
                entries.add(entry(junk, rnd));
                fd.rewrite(Json.encodeToString(root).getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    private static JsonNode entry(byte[] junk, Random rnd) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        String text = new String(junk, StandardCharsets.ISO_8859_1);
        return switch (rnd.nextInt(6)) {
            case 0 -> f.textNode(text);
            case 1 -> f.numberNode(rnd.nextLong());
            case 2 -> f.arrayNode().add(text);
            case 3 -> f.objectNode().put("to", "bob").put("content", text); // no sender
            case 4 -> f.objectNode().put("from", "mallory").put("to", "bob"); // no content
            default -> f.objectNode().put("from", "mallory").put("to", "bob").put("content", text)
                    .put("stamp", text).put("id", rnd.nextInt()).set("broadcast", f.arrayNode());
        };
    }
}
