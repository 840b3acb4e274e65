package dev.ipcm.spi;

import dev.ipcm.Capability;
import dev.ipcm.Message;
import dev.ipcm.MessagesWaitingException;
import dev.ipcm.NotSupportedException;
import dev.ipcm.StoreGoneException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * How a client leaves its store: a disconnect, which first drains what is still arriving, or a
 * suspend, which keeps the name and the mail for a later reconnect.
 */
final class Leaving {
    private static final long DRAIN_NANOS = TimeUnit.SECONDS.toNanos(30);

    private final AbstractClient client;

    Leaving(AbstractClient client) {
        this.client = client;
    }

    /**
     * Unregisters, hands what is still arriving (terminate messages aside) to {@code handler} for
     * at most 30 s, then removes what is left of the client.
     *
     * <p>A store destroyed meanwhile ends the disconnect quietly: what it held is gone with it, and
     * there is nothing left to leave (messages already handed to this client still go to the
     * handler, or make the exception below). A client that outlives its store can thus always
     * be closed, and it writes nothing into the store's place.
     *
     * @throws MessagesWaitingException without a handler, when messages were waiting (once the client has fully left)
     */
    void disconnect(Consumer<List<Message>> handler) {
        boolean storeGone = false;
        synchronized (client.io) {
            if (client.isClosed()) {
                return;
            }
            try {
                client.unregister();
            } catch (StoreGoneException e) {
                storeGone = true;
            }
        }
        List<Message> waiting = new ArrayList<>();
        if (!storeGone) {
            try {
                drain(handler, waiting);
            } catch (StoreGoneException e) {
                storeGone = true;
            }
        }
        synchronized (client.io) {
            client.markClosed();
            try {
                if (!storeGone) {
                    client.finishDisconnect();
                    client.persistStats(client.counts());
                }
            } catch (StoreGoneException e) {
                // Destroyed while we left: nothing remains to remove, nor to keep counts in.
            } finally {
                client.closeResources();
            }
        }
        LocalClients.remove(client);
        if (!waiting.isEmpty()) {
            throw new MessagesWaitingException(client.name(), waiting);
        }
    }

    /** Receives until nothing is ready or pending; without a handler, stops at the first messages and adds them, uncounted, to {@code waiting}. */
    private void drain(Consumer<List<Message>> handler, List<Message> waiting) {
        long deadline = System.nanoTime() + DRAIN_NANOS;
        while (true) {
            boolean pending;
            boolean ready;
            synchronized (client.io) {
                pending = client.hasPending();
                ready = client.hasRequeued() || client.hasReady();
            }
            if (!pending && !ready) {
                break;
            }
            List<Message> received = client.receiveNow();
            List<Message> got = new ArrayList<>(received);
            got.removeIf(Message::isTerminate);
            if (!got.isEmpty()) {
                if (handler != null) {
                    handler.accept(got);
                } else {
                    got.forEach(m -> client.counts().countRead(m.from(), -1));
                    waiting.addAll(got);
                    break;
                }
            } else if (pending && received.isEmpty()) {
                // Only wait when nothing came: "pending" was taken before this receive, and a client
                // that just took its terminate message would otherwise wait for activity that never comes.
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                client.waitForActivity(Math.min(left, TimeUnit.SECONDS.toNanos(1)));
            }
            if (System.nanoTime() > deadline) {
                break;
            }
        }
    }

    /** Suspends until {@code expiresAt} (epoch seconds with microseconds), or with no deadline when null. */
    void suspend(BigDecimal expiresAt) {
        if (!client.capabilities().has(Capability.SUSPEND)) {
            throw new NotSupportedException("suspend is not supported by the " + client.info().protocol()
                    + " protocol: its mailbox lives in this process and would be lost; disconnect instead, "
                    + "or use a protocol with the SUSPEND capability (MessageFiles, JSONFile, the databases)");
        }
        client.checkOpen();
        synchronized (client.io) {
            client.markSuspended(expiresAt);
            client.markClosed();
            client.persistStats(client.counts());
            client.closeResources();
        }
        LocalClients.remove(client);
    }

    /** An instant as a suspend deadline: epoch seconds rounded to microseconds. */
    static BigDecimal deadline(Instant expiresAt) {
        return BigDecimal.valueOf(expiresAt.getEpochSecond())
                .add(BigDecimal.valueOf(expiresAt.getNano(), 9)).setScale(6, RoundingMode.HALF_UP);
    }
}
