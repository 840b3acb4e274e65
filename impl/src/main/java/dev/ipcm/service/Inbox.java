package dev.ipcm.service;

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
 * The service loop's wake-up. A receiver thread blocks on the client's own wake-up
 * ({@link Client#awaitMessages(Duration)}, the cycle as deadline) and queues what arrives; the
 * loop thread sleeps on a semaphore that messages, signals, child exits and termination requests
 * release. Nothing polls faster than the protocol itself: a quiet service wakes once per cycle.
 */
final class Inbox {
    private final Semaphore wake = new Semaphore(0);
    private final ConcurrentLinkedQueue<Message> queue = new ConcurrentLinkedQueue<>();
    private volatile boolean running;
    private volatile boolean clientLost;
    private volatile RuntimeException lastError;
    private Thread thread;

    /** Wakes the loop (any thread, signal handlers included). */
    void wake() {
        wake.release();
    }

    /** Starts receiving for {@code client}. */
    synchronized void start(Client client, Duration cycle, String serviceName) {
        if (thread != null) {
            return;
        }
        running = true;
        clientLost = false;
        thread = new Thread(() -> receive(client, cycle), "ipcm-service-inbox-" + serviceName);
        thread.setDaemon(true);
        thread.start();
    }

    private void receive(Client client, Duration cycle) {
        while (running) {
            try {
                List<Message> got = client.awaitMessages(cycle);
                if (!got.isEmpty()) {
                    queue.addAll(got);
                    wake();
                }
            } catch (ClientClosedException | StoreGoneException e) {
                if (running) {
                    clientLost = true;
                    wake();
                }
                return;
            } catch (RuntimeException e) {
                // A transient failure (a file vanishing mid-read, a dropped DB connection): report it
                // to the loop and try again after one cycle rather than giving up on the service.
                lastError = e;
                wake();
                pause(cycle);
            }
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
        try {
            if (nanos > 0) {
                wake.tryAcquire(nanos, TimeUnit.NANOSECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
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
     * Stops the receiver (within one cycle) and puts messages it took but the loop never saw back
     * into the client, so a disconnect reports them instead of losing them.
     */
    void stop(Client client) {
        Thread t;
        synchronized (this) {
            t = thread;
            thread = null;
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
