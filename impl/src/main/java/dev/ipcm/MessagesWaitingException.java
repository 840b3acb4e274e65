package dev.ipcm;

import java.util.List;
import org.apiguardian.api.API;

/**
 * A disconnect that found unread messages and had no handler for them. The client is fully
 * disconnected; the messages are in {@link #messages()} so nothing is lost.
 */
@API(status = API.Status.STABLE, since = "0.1")
public class MessagesWaitingException extends IpcmException {
    private static final long serialVersionUID = 1L;
    private final transient List<Message> messages;

    public MessagesWaitingException(String name, List<Message> messages) {
        super("Messages waiting at disconnect for " + name + ": " + messages.size()
                + " unread; receive them first or pass a handler to disconnect(handler)");
        this.messages = List.copyOf(messages);
    }

    /** The messages that were waiting. */
    public List<Message> messages() {
        return messages;
    }
}
