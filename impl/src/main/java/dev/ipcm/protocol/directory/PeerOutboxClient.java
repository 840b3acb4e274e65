package dev.ipcm.protocol.directory;

import dev.ipcm.IpcmException;
import dev.ipcm.Message;
import dev.ipcm.SendOutcome;
import dev.ipcm.Capabilities;
import dev.ipcm.spi.ConnectRequest;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.Map;
import java.util.function.BiPredicate;
import org.apiguardian.api.API;

/**
 * A directory client that sends through one cached {@link Outbox} per peer, as the kernel
 * transports do: blocking and non-blocking sends, the drain of what non-blocking sends queued,
 * the queue counts and the clean-up are written here once; a protocol supplies how one payload
 * is sent ({@link #send}) and how one peer's queue is written ({@link #flushQueued}).
 *
 * <p>Per-peer order: a send goes behind what is queued for its peer, and a blocking send
 * finishes that queue first (docs/protocols/kernel-transports.md, "Non-blocking sends").
 *
 * @param <O> the protocol's outbox
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public abstract class PeerOutboxClient<O extends Outbox> extends DirectoryClient {
    /** The outbox of each peer with one; guarded by {@code io}, like every send. */
    protected final Map<String, O> outboxes;

    /**
     * Starts a client; call {@link #register()} at the end of the subclass's constructor.
     *
     * @param outboxes the empty map to keep the outboxes in (a sorted one lists peers in order)
     */
    protected PeerOutboxClient(ConnectRequest request, Capabilities capabilities, int nameBudget, Map<String, O> outboxes) {
        super(request, capabilities, nameBudget);
        this.outboxes = outboxes;
    }

    /**
     * Sends one payload to {@code to} behind what is queued for it.
     *
     * @param block wait until it is written (a blocking send), or queue what cannot go now
     * @return whether it went out whole (always when blocking); if not, the rest is queued
     */
    protected abstract boolean send(String to, byte[] payload, boolean block);

    /**
     * Writes what is queued for one peer without blocking; messages that complete count as sent.
     *
     * @return how many messages completed
     * @throws IpcmException when the peer cannot be reached (logged by the drain)
     */
    protected abstract int flushQueued(String peer, O outbox);

    @Override
    protected final void deliver(Message message) {
        send(message.toOrNull(), encode(message), true);
    }

    @Override
    protected final SendOutcome tryDeliver(Message message) {
        return send(message.toOrNull(), encode(message), false) ? SendOutcome.DELIVERED : SendOutcome.QUEUED;
    }

    /** Writes every peer's queue without blocking; a peer that cannot be reached is logged and skipped. */
    @Override
    protected final int drainQueued() {
        int sent = 0;
        for (String peer : new ArrayList<>(outboxes.keySet())) {
            O outbox = outboxes.get(peer);
            if (outbox == null || outbox.queued() == 0) {
                continue;
            }
            try {
                sent += flushQueued(peer, outbox);
            } catch (IpcmException e) {
                warn(e.getMessage());
            }
        }
        return sent;
    }

    @Override
    protected final int queuedSends(String peer) {
        if (peer != null) {
            O outbox = outboxes.get(peer);
            return outbox == null ? 0 : outbox.queued();
        }
        int n = 0;
        for (O outbox : outboxes.values()) {
            n += outbox.queued();
        }
        return n;
    }

    /**
     * Closes and forgets the outbox of {@code peer}.
     *
     * @return how many queued messages were lost with it (0 without one)
     */
    protected final int drop(String peer) {
        O outbox = outboxes.remove(peer);
        if (outbox == null) {
            return 0;
        }
        int lost = outbox.queued();
        outbox.close();
        return lost;
    }

    /** Closes and forgets every outbox {@code stale} names (peer, outbox). */
    protected final void dropIf(BiPredicate<String, O> stale) {
        for (Iterator<Map.Entry<String, O>> it = outboxes.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, O> e = it.next();
            if (stale.test(e.getKey(), e.getValue())) {
                e.getValue().close();
                it.remove();
            }
        }
    }

    /** Closes every outbox, then what the directory base holds. */
    @Override
    protected void closeResources() {
        try {
            outboxes.values().forEach(Outbox::close);
            outboxes.clear();
        } finally {
            super.closeResources();
        }
    }

    /** Logs a warning on the library's logger. */
    protected static void warn(String text) {
        System.getLogger("dev.ipcm").log(System.Logger.Level.WARNING, text);
    }
}
