package dev.ipcm.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ipcm.Message;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * A response as a requester receives it: the whole content object
 * ({@code ipcm_response_id}, {@code response}, and {@code ipcm_error} when the handler failed)
 * and the message that carried it.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class Response {
    private final ObjectNode content;
    private final Message message;

    Response(ObjectNode content, Message message) {
        this.content = Objects.requireNonNull(content, "content must not be null");
        this.message = message;
    }

    /** The id of the request this answers. */
    public String id() {
        return Wire.text(content.get(Wire.RESPONSE_ID));
    }

    /** The {@code response} member; {@link NullNode} for a null response and for every error response. */
    public JsonNode value() {
        JsonNode v = content.get(Wire.RESPONSE);
        return v == null ? NullNode.getInstance() : v;
    }

    /** The response value as text: a string as is, anything else as compact JSON. */
    public String text() {
        return Wire.text(value());
    }

    /** The {@code ipcm_error} text, present only when the service's handler failed. */
    public Optional<String> error() {
        JsonNode e = content.get(Wire.ERROR);
        return e == null || e.isNull() ? Optional.empty() : Optional.of(Wire.text(e));
    }

    /** Whether the service answered with an error. */
    public boolean isError() {
        return error().isPresent();
    }

    /**
     * The value, or a {@link ServiceErrorException} carrying the service's error text.
     *
     * @throws ServiceErrorException when the response is an error response
     */
    public JsonNode orThrow() {
        if (isError()) {
            throw new ServiceErrorException(this);
        }
        return value();
    }

    /** The whole content object, reserved keys included. */
    public ObjectNode content() {
        return content;
    }

    /** The message that carried the response; null for responses built by hand. */
    public Message message() {
        return message;
    }

    @Override
    public String toString() {
        return "Response[" + content + "]";
    }
}
