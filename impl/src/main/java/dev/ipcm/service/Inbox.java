package dev.ipcm.service;

import dev.ipcm.Capability;
import dev.ipcm.Client;
import dev.ipcm.ClientClosedException;
import dev.ipcm.Message;
import dev.ipcm.StoreGoneException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The service loop's wake-up: messages, signals, child exits and termination requests all end
 * its wait. Nothing polls faster than the protocol itself: a quiet service wakes once per cycle.
 *
 * <p>Where the client can be woken ({@link Capability#INTERRUPTIBLE_WAIT}), the loop thread waits for
 * messages itself and the other events wake the client: a request reaches the loop in one
 * thread wake-up. Elsewhere a receiver thread blocks on the client's own wake-up (the cycle as
 * deadline) and queues what arrives, and the loop thread sleeps on a semaphore that messages and
 * the other events release: two wake-ups per request.
 */
final class Inbox {
    private final Semaphore wake = new Semaphore(0);
    private final ConcurrentLinkedQueue<Message> queue = new ConcurrentLinkedQueue<>();
    private volatile boolean running;
    private volatile boolean clientLost;
    private volatile RuntimeException lastError;
    private Thread thread;
    /** The client the loop thread waits on itself; null while a receiver thread does. */
    private volatile Client direct;
    private Duration cycle = Duration.ZERO;
    /** After a failed receive the loop waits this long (System.nanoTime()) before receiving again. */
    private long retryAfter;

    /** Wakes the loop (any thread, signal handlers included). */
    void wake() {
        wake.release();
        Client c = direct;
        if (c != null) {
            c.wakeUp();
        }
    }

    /** Starts receiving for {@code client}: on the loop thread where it can be woken, else on a thread of its own. */
    synchronized void start(Client client, Duration cycle, String serviceName) {
        if (thread != null || direct != null) {
            return;
        }
        running = true;
        clientLost = false;
        this.cycle = cycle;
        if (client.capabilities().has(Capability.INTERRUPTIBLE_WAIT)) {
            direct = client;
            return;
        }
        thread = new Thread(() -> receive(client, cycle), "ipcm-service-inbox-" + serviceName);
        thread.setDaemon(true);
        thread.start();
    }

    private void receive(Client client, Duration cycle) {
        while (running) {
            if (!receiveOnce(client, cycle.toNanos())) {
                return;
            }
            if (!queue.isEmpty()) {
                wake();
            }
        }
    }

    /**
     * One wait for messages, its batch queued. A lost client is recorded and ends receiving
     * (false); a transient failure (a file vanishing mid-read, a dropped DB connection) is
     * reported to the loop, which tries again after one cycle rather than give up on the service.
     */
    private boolean receiveOnce(Client client, long nanos) {
        try {
            queue.addAll(client.awaitMessages(Duration.ofNanos(nanos)));
            return true;
        } catch (ClientClosedException | StoreGoneException e) {
            if (running) {
                clientLost = true;
                wake.release();
            }
            return false;
        } catch (RuntimeException e) {
            lastError = e;
            wake.release();
            if (direct == null) {
                pause(cycle);
            } else {
                retryAfter = System.nanoTime() + cycle.toNanos();
            }
            return true;
        }
    }

    private static void pause(Duration d) {
        try {
            TimeUnit.NANOSECONDS.sleep(d.toNanos());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Sleeps until woken or {@code nanos} pass; wake-ups that came earlier make it return at once. */
    void await(long nanos) {
        Client c = direct;
        if (c != null && !clientLost && System.nanoTime() - retryAfter >= 0) {
            if (!wake.tryAcquire()) {
                // Waits in the client: a message ends the wait by itself, every other event by waking the client.
                receiveOnce(c, Math.max(0, nanos));
            }
        } else {
            long sleep = c == null ? nanos : Math.min(nanos, retryAfter - System.nanoTime());
            try {
                if (sleep > 0) {
                    wake.tryAcquire(sleep, TimeUnit.NANOSECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        wake.drainPermits();
    }

    /** Takes every queued message, in arrival order. */
    List<Message> take() {
        List<Message> out = new ArrayList<>();
        Message m;
        while ((m = queue.poll()) != null) {
            out.add(m);
        }
        return out;
    }

    /** Whether the client was disconnected or its store destroyed under the service. */
    boolean clientLost() {
        return clientLost;
    }

    /** The last receive failure since the previous call, or null. */
    RuntimeException takeError() {
        RuntimeException e = lastError;
        lastError = null;
        return e;
    }

    /**
     * Stops receiving (a receiver thread within one cycle) and puts messages taken but never seen
     * by the loop back into the client, so a disconnect reports them instead of losing them.
     */
    void stop(Client client) {
        Thread t;
        synchronized (this) {
            t = thread;
            thread = null;
            direct = null;
        }
        running = false;
        if (t != null) {
            try {
                t.join(TimeUnit.SECONDS.toMillis(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        List<Message> left = take();
        if (!left.isEmpty() && client != null && !client.isDisconnected()) {
            try {
                client.requeue(left);
            } catch (RuntimeException ignored) {
                // The client went away meanwhile; there is nowhere left to put them.
            }
        }
    }
}
