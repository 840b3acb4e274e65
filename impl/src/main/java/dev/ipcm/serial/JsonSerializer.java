package dev.ipcm.serial;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.ipcm.Message;
import dev.ipcm.internal.Json;
import org.apiguardian.api.API;

/** Plain JSON: compact, ASCII-only, byte-compatible with {@code IPC::Manager::Serializer::JSON}. */
@API(status = API.Status.STABLE, since = "0.1")
public final class JsonSerializer implements Serializer {
    /** The Perl class name this serializer answers to. */
    public static final String REFERENCE_NAME = "IPC::Manager::Serializer::JSON";

    /** The one instance; the serializer has no settings. */
    public static final JsonSerializer INSTANCE = new JsonSerializer();

    private JsonSerializer() {}

    @Override
    public String referenceName() {
        return REFERENCE_NAME;
    }

    @Override
    public JsonNode infoSpec() {
        return TextNode.valueOf(REFERENCE_NAME);
    }

    @Override
    public byte[] serialize(JsonNode value) {
        return Json.encode(value);
    }

    @Override
    public JsonNode deserialize(byte[] bytes) {
        return Json.decode(bytes);
    }

    /** Streams the envelope: the bytes {@link #serialize} would write for {@code message.toJson()}. */
    @Override
    public byte[] serializeMessage(Message message) {
        return MessageCodec.encode(message);
    }

    /** Parses the envelope straight into the message; odd shapes take the tree path's answer. */
    @Override
    public Message deserializeMessage(byte[] bytes) {
        return MessageCodec.decode(bytes);
    }

    @Override
    public String toString() {
        return "JSON";
    }
}
