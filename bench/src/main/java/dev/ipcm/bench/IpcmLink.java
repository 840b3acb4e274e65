package dev.ipcm.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ipcm.Client;
import dev.ipcm.Message;
import java.time.Duration;
import java.util.List;

/** One ipcm client sending a fixed content to one peer: the {@link Link} of {@link IpcmTransport}. */
final class IpcmLink implements Link {
    /** How long one wait for a message lasts before the link checks whether it was closed. */
    private static final Duration WAIT_STEP = Duration.ofSeconds(1);

    private final Client client;
    private final String peer;
    private final JsonNode content;
    private volatile boolean closed;

    IpcmLink(Client client, String peer, int size) {
        this.client = client;
        this.peer = peer;
        this.content = Payloads.content(size);
    }

    Client client() {
        return client;
    }

    @Override
    public void send() {
        client.send(peer, content);
    }

    @Override
    public int receive() {
        while (!closed) {
            List<Message> got = client.awaitMessages(WAIT_STEP);
            if (!got.isEmpty()) {
                return got.size();
            }
        }
        throw new IllegalStateException("link of '" + client.name() + "' was closed while receiving");
    }

    @Override
    public void close() {
        closed = true;
        if (!client.isDisconnected()) {
            // Leftovers of a measurement (an echo that was never read) are not errors.
            client.disconnect(messages -> { });
        }
    }
}
