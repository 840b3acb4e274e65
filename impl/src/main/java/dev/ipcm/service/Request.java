package dev.ipcm.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ipcm.Message;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * A request as a service receives it: the content object
 * ({@code {"ipcm_request_id": id, "request": value}}) and the message that carried it.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class Request {
    private final ObjectNode content;
    private final Message message;

    Request(ObjectNode content, Message message) {
        this.content = Objects.requireNonNull(content, "content must not be null");
        this.message = message;
    }

    /** The request id the response must carry. */
    public String id() {
        return Wire.text(content.get(Wire.REQUEST_ID));
    }

    /** The {@code request} member: any JSON value, {@link NullNode} when absent or null. */
    public JsonNode value() {
        JsonNode v = content.get(Wire.REQUEST);
        return v == null ? NullNode.getInstance() : v;
    }

    /** The request value as text: a string as is, anything else as compact JSON. */
    public String text() {
        return Wire.text(value());
    }

    /** The whole content object, reserved keys included. */
    public ObjectNode content() {
        return content;
    }

    /** The message that carried the request. */
    public Message message() {
        return message;
    }

    /** The requester's client name (where the response goes). */
    public String from() {
        return message.from();
    }

    @Override
    public String toString() {
        return "Request[" + content + " from " + message.from() + "]";
    }
}
