package dev.ipcm;

import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * What {@link Client#tryMessage} did: the message it sent, or the error that stopped it.
 *
 * <p>The reference's {@code try_message} returns {@code (1, undef)} or {@code (0, $error)}; this
 * is that pair as a value. Exactly one of {@link #message()} and {@link #error()} is present.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class SendAttempt {
    private final Message message;
    private final RuntimeException error;

    private SendAttempt(Message message, RuntimeException error) {
        this.message = message;
        this.error = error;
    }

    /** A send that went out, with the message as sent. */
    public static SendAttempt sent(Message message) {
        return new SendAttempt(Objects.requireNonNull(message, "message must not be null"), null);
    }

    /** A send that failed, with the exception {@link Client#send(String, Object)} would have thrown. */
    public static SendAttempt failed(RuntimeException error) {
        return new SendAttempt(null, Objects.requireNonNull(error, "error must not be null"));
    }

    /** True when the message went out. */
    public boolean isSent() {
        return message != null;
    }

    /** The message as sent, when it went out. */
    public Optional<Message> message() {
        return Optional.ofNullable(message);
    }

    /** Why nothing was sent ({@link NoSuchPeerException}, {@link ContentException}, ...), when it failed. */
    public Optional<RuntimeException> error() {
        return Optional.ofNullable(error);
    }

    @Override
    public String toString() {
        return isSent() ? "sent " + message.id() : "failed: " + error.getMessage();
    }
}
