package dev.ipcm.serial;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ipcm.Message;
import org.apiguardian.api.API;

/**
 * Turns a JSON value (a message, a stats map, a ConnectionUnix hello) into bytes and back.
 *
 * <p>The serializer is named in the connection-info string, so every process on a store
 * uses the same one. Implementations are thread-safe.
 */
@API(status = API.Status.STABLE, since = "0.1")
public interface Serializer {
    /** The IPC::Manager class name, e.g. {@code IPC::Manager::Serializer::JSON}. */
    String referenceName();

    /** How this serializer is written into an info string: a string, or an array with settings. */
    JsonNode infoSpec();

    /** Encodes a value; the result is what goes on the wire or into the store. */
    byte[] serialize(JsonNode value);

    /**
     * Decodes bytes written by any process on the store.
     *
     * @throws dev.ipcm.ContentException when the bytes are not a valid payload
     */
    JsonNode deserialize(byte[] bytes);

    /**
     * Encodes a whole message: the same bytes as {@code serialize(message.toJson())}, which is
     * what this default does. The serializers of this library override it to stream the
     * envelope without building its tree.
     */
    @API(status = API.Status.EXPERIMENTAL, since = "0.1")
    default byte[] serializeMessage(Message message) {
        return serialize(message.toJson());
    }

    /**
     * Decodes a whole message and checks its envelope: the same result, and the same
     * exceptions, as {@code Message.fromJson(deserialize(bytes))}, which is what this default does.
     *
     * @throws dev.ipcm.ContentException when the bytes are not a valid payload or not a valid message
     */
    @API(status = API.Status.EXPERIMENTAL, since = "0.1")
    default Message deserializeMessage(byte[] bytes) {
        return Message.fromJson(deserialize(bytes));
    }
}
