package dev.ipcm.spi;

import dev.ipcm.Capability;
import dev.ipcm.Message;
import dev.ipcm.NotSupportedException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A client's at-least-once receiving (docs/delivery.md): messages are read without being taken,
 * remembered as held until acknowledged, and deleted from the store only then, so a crash in
 * between leaves them for the next holder of the name.
 */
final class Acknowledging {
    /** While messages are held, the store still holds them, so its "ready" wake-up cannot be waited on. */
    private static final long HELD_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private final AbstractClient client;
    /** Received and not yet acknowledged, by message id; guarded by {@code client.io}. */
    private final Map<String, Message> held = new HashMap<>();

    Acknowledging(AbstractClient client) {
        this.client = client;
    }

    /** The stored messages not held yet, which become held, counted as read, in receive order. */
    List<Message> takeNow() {
        requireSupport();
        client.checkOpen();
        List<Message> out = new ArrayList<>();
        synchronized (client.io) {
            for (Message m : client.peekStored()) {
                if (held.putIfAbsent(m.id(), m) == null) {
                    out.add(m);
                    client.counts().countRead(m.from(), 1);
                }
            }
        }
        out.sort(Message.ORDER);
        return out;
    }

    List<Message> await(Duration timeout) {
        return Waiting.until(timeout, this::takeNow, got -> !got.isEmpty(), this::pause);
    }

    /** Deletes the held messages with these ids from the store; other ids are ignored. */
    void acknowledge(Collection<String> ids) {
        requireSupport();
        client.checkOpen();
        synchronized (client.io) {
            List<Message> done = new ArrayList<>();
            for (String id : ids) {
                Message m = held.get(id);
                if (m != null) {
                    done.add(m);
                }
            }
            if (!done.isEmpty()) {
                client.deleteStored(done);
                done.forEach(m -> held.remove(m.id()));
            }
        }
    }

    private void pause(long nanos) {
        boolean holding;
        synchronized (client.io) {
            holding = !held.isEmpty();
        }
        if (holding) {
            LockSupport.parkNanos(Math.min(nanos, HELD_POLL_NANOS));
        } else {
            client.waitForActivity(nanos);
        }
    }

    private void requireSupport() {
        if (!client.capabilities().has(Capability.KEEPS_MAIL)) {
            throw new NotSupportedException("The " + client.info().protocol() + " protocol does not declare KEEPS_MAIL: "
                    + "it cannot keep a message stored until it is acknowledged; use receive() instead "
                    + "(at most once across a crash, docs/delivery.md)");
        }
    }
}
