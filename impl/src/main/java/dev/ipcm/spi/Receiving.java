package dev.ipcm.spi;

import dev.ipcm.Capability;
import dev.ipcm.Message;
import dev.ipcm.internal.Stamps;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * A client's receiving: one batch from what was requeued and what the protocol fetches,
 * numbered, counted and in receive order; waiting for a batch until a deadline; whether
 * anything is ready or on its way; putting messages back.
 */
final class Receiving {
    private final AbstractClient client;
    /** The client's receive and wait, made once: a wait for messages then allocates nothing of its own. */
    private final Supplier<List<Message>> receive;
    private final LongConsumer waitForActivity;
    private final Predicate<List<Message>> endsWait;
    /** A {@link #wakeUp()} that no wait has ended on yet. */
    private volatile boolean woken;

    Receiving(AbstractClient client) {
        this.client = client;
        this.receive = client::receive;
        this.waitForActivity = client::waitForActivity;
        this.endsWait = this::endsWait;
    }

    /** Everything available now, requeued messages first, in receive order. */
    List<Message> takeNow() {
        List<Message> out;
        synchronized (client.io) {
            List<Message> requeuedNow = client.takeRequeued();
            List<Message> fetched = client.fetch();
            out = new ArrayList<>(requeuedNow.size() + fetched.size());
            out.addAll(requeuedNow);
            // A stream from one sender counts as one map lookup per run, not one per message.
            String runFrom = null;
            long run = 0;
            for (Message m : fetched) {
                if (m.stampOrd().isEmpty()) {
                    m = m.withStampOrd(Stamps.ordinalFor(m.stamp()));
                }
                if (!m.from().equals(runFrom)) {
                    if (run > 0) {
                        client.counts().countRead(runFrom, run);
                    }
                    runFrom = m.from();
                    run = 0;
                }
                run++;
                out.add(m);
            }
            if (run > 0) {
                client.counts().countRead(runFrom, run);
            }
        }
        if (!inOrder(out)) {
            out.sort(Message.ORDER);
        }
        return out;
    }

    /**
     * Receives through the client's {@code receive}, waiting for activity between tries, until a
     * batch, the deadline, or a {@link #wakeUp()}.
     */
    List<Message> await(Duration timeout) {
        return Waiting.until(timeout, receive, endsWait, waitForActivity);
    }

    /** Ends the wait in progress, or the next one, early; false where the protocol cannot. */
    boolean wakeUp() {
        if (!client.capabilities().has(Capability.INTERRUPTIBLE_WAIT)) {
            return false;
        }
        // Set before the protocol is woken, so the woken wait sees it on its next look.
        woken = true;
        client.wakeWaiter();
        return true;
    }

    private boolean endsWait(List<Message> got) {
        if (woken) {
            // Consumed by the wait it ends, whether a batch came with it or not.
            woken = false;
            return true;
        }
        return !got.isEmpty();
    }

    /** Whether a receive would return something now. */
    boolean hasReady() {
        client.checkOpen();
        synchronized (client.io) {
            return client.hasRequeued() || client.hasReady();
        }
    }

    /** Whether something is on its way but not complete yet. */
    boolean hasPending() {
        client.checkOpen();
        synchronized (client.io) {
            return client.hasPending();
        }
    }

    /** Puts messages back for the next receive, through the client's requeue hook. */
    void requeue(List<Message> messages) {
        client.checkOpen();
        synchronized (client.io) {
            client.storeRequeued(List.copyOf(messages));
        }
    }

    /** Whether a batch is already in receive order, as one sender's stream usually is: then no sort (and no TimSort work array). */
    private static boolean inOrder(List<Message> batch) {
        for (int i = 1, n = batch.size(); i < n; i++) {
            if (Message.ORDER.compare(batch.get(i - 1), batch.get(i)) > 0) {
                return false;
            }
        }
        return true;
    }
}
