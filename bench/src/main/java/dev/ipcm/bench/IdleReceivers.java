package dev.ipcm.bench;

import dev.ipcm.Client;
import dev.ipcm.Store;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Receivers that only wait: each client of a store sits in {@code awaitMessages} on a thread of
 * its own, so the store's idle cost (the queries a polled database receives) can be counted.
 */
final class IdleReceivers implements AutoCloseable {
    private final List<Client> clients = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();

    private IdleReceivers() {}

    /** Connects {@code count} clients named {@code idle-N} and starts each one waiting. */
    static IdleReceivers connect(Store store, int count) {
        IdleReceivers idle = new IdleReceivers();
        for (int i = 0; i < count; i++) {
            Client c = store.connect("idle-" + i);
            idle.clients.add(c);
            Thread t = new Thread(() -> {
                while (!c.isDisconnected()) {
                    try {
                        c.awaitMessages(Duration.ofSeconds(1));
                    } catch (RuntimeException e) {
                        return; // disconnected under us at the end
                    }
                }
            }, "idle-" + i);
            t.setDaemon(true);
            t.start();
            idle.threads.add(t);
        }
        return idle;
    }

    /** Disconnects every client and waits up to 5 s for each thread to notice. */
    @Override
    public void close() throws InterruptedException {
        for (Client c : clients) {
            c.disconnect(messages -> { });
        }
        for (Thread t : threads) {
            t.join(TimeUnit.SECONDS.toMillis(5));
        }
    }
}
