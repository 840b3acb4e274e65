package dev.ipcm.spi;

import dev.ipcm.Message;
import java.util.ArrayList;
import java.util.List;

/**
 * Messages a client put back for its next receive, kept in memory: the default of the requeue
 * hooks of {@link AbstractClient}. Called with the client's I/O lock held.
 */
final class RequeuedMessages {
    private final List<Message> messages = new ArrayList<>();

    void store(List<Message> more) {
        messages.addAll(more);
    }

    /** The messages, taken out. */
    List<Message> take() {
        if (messages.isEmpty()) {
            return List.of();
        }
        List<Message> out = new ArrayList<>(messages);
        messages.clear();
        return out;
    }

    boolean isEmpty() {
        return messages.isEmpty();
    }
}
