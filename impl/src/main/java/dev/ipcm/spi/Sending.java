package dev.ipcm.spi;

import dev.ipcm.BroadcastResult;
import dev.ipcm.Capability;
import dev.ipcm.ContentException;
import dev.ipcm.IpcmException;
import dev.ipcm.Message;
import dev.ipcm.NoSuchPeerException;
import dev.ipcm.SendOutcome;
import java.util.Map;
import java.util.TreeMap;

/**
 * A client's sending: to one peer, blocking or not, and a copy to every peer. It keeps the
 * blocking flag, and counts each message the transport took.
 */
final class Sending {
    private final AbstractClient client;
    private volatile boolean blocking = true;
    private final RecentSends recent = new RecentSends();

    Sending(AbstractClient client) {
        this.client = client;
    }

    /** A new message from the client to {@code peer}. */
    Message to(String peer, Object content) {
        return Message.builder(client.name()).to(requirePeer(peer)).content(content).build();
    }

    Message send(Message message) {
        client.checkOpen();
        if (!client.name().equals(message.from())) {
            throw new ContentException("Message 'from' is '" + message.from() + "' but this client is '" + client.name()
                    + "'; build it with Message.builder(client.name())");
        }
        String to = requirePeer(message.toOrNull());
        synchronized (client.io) {
            recent.requireNew(message.id());
            if (!blocking) {
                tryDeliverCounted(message);
                return message;
            }
            client.deliver(message);
            client.counts().countSent(to, 1);
            recent.remember(message.id(), to);
        }
        return message;
    }

    SendOutcome trySend(String peer, Object content) {
        client.checkOpen();
        Message message = to(peer, content);
        synchronized (client.io) {
            return tryDeliverCounted(message);
        }
    }

    private SendOutcome tryDeliverCounted(Message message) {
        SendOutcome outcome = client.tryDeliver(message);
        recent.remember(message.id(), message.toOrNull()); // taken now or queued: either way it goes out
        if (outcome == SendOutcome.DELIVERED) {
            client.counts().countSent(message.toOrNull(), 1);
        }
        return outcome;
    }

    /** A copy with a fresh id to every peer, each through the client's {@code send}; a failing peer does not stop the others. */
    Map<String, BroadcastResult> broadcast(Object content) {
        client.checkOpen();
        Message template = Message.builder(client.name()).broadcast(true).content(content).build();
        Map<String, BroadcastResult> results = new TreeMap<>();
        for (String peer : client.peers()) {
            try {
                client.send(template.copyTo(peer, true));
                results.put(peer, BroadcastResult.ok());
            } catch (IpcmException | IllegalStateException e) {
                results.put(peer, BroadcastResult.failed(e.getMessage()));
            }
        }
        return results;
    }

    /** Hands queued non-blocking sends that the transport now accepts to it; how many went out. */
    int drain() {
        synchronized (client.io) {
            return client.drainQueued();
        }
    }

    /** Messages queued for {@code peer}, or for every peer when it is null. */
    int queued(String peer) {
        synchronized (client.io) {
            return client.queuedSends(peer);
        }
    }

    boolean isBlocking() {
        return blocking;
    }

    /** Switches blocking on or off where the protocol declares non-blocking sends; otherwise nothing changes. */
    void setBlocking(boolean value) {
        synchronized (client.io) {
            if (value != blocking && client.capabilities().has(Capability.NON_BLOCKING_SEND)) {
                blocking = value;
                client.applySendBlocking(value);
            }
        }
    }

    private static String requirePeer(String peer) {
        if (peer == null || peer.isEmpty()) {
            throw new NoSuchPeerException("No peer specified: a message needs a recipient name");
        }
        return peer;
    }
}
