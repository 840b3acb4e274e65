package dev.ipcm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code awaitPeerActive(peer)} waits with no deadline, on purpose: it returns when the peer
 * comes, and only an interrupt or closing the client ends it otherwise. The test itself bounds
 * every wait on it.
 */
class BlockingWaitTest {
    @Test
    void returnsWhenThePeerArrives() throws Exception {
        try (Store store = Ipcm.spawn(SpawnOptions.defaults().protocol("MessageFiles"));
                Client waiter = store.connect("waiter")) {
            CompletableFuture<Void> waiting = CompletableFuture.runAsync(() -> {
                try {
                    waiter.awaitPeerActive("late");
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            try (Client late = store.connect("late")) {
                waiting.get(30, TimeUnit.SECONDS);
                assertThat(waiter.peerActive("late")).isTrue();
            }
        }
    }

    @Test
    void anInterruptEndsTheWait() throws Exception {
        try (Store store = Ipcm.spawn(SpawnOptions.defaults().protocol("LocalMemory"));
                Client waiter = store.connect("waiter")) {
            CompletableFuture<Throwable> ended = new CompletableFuture<>();
            Thread t = new Thread(() -> {
                try {
                    waiter.awaitPeerActive("never");
                    ended.complete(null);
                } catch (InterruptedException | RuntimeException e) {
                    ended.complete(e);
                }
            });
            t.start();
            t.interrupt();
            assertThat(ended.get(30, TimeUnit.SECONDS)).isInstanceOf(InterruptedException.class)
                    .hasMessageContaining("'never'");
            t.join(TimeUnit.SECONDS.toMillis(30));
        }
    }

    @Test
    void closingTheClientEndsTheWait() throws Exception {
        try (Store store = Ipcm.spawn(SpawnOptions.defaults().protocol("LocalMemory"))) {
            Client waiter = store.connect("waiter");
            CompletableFuture<Void> waiting = CompletableFuture.runAsync(() -> {
                try {
                    waiter.awaitPeerActive("never");
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            waiter.close();
            ExecutionException failed = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                    () -> waiting.get(30, TimeUnit.SECONDS));
            assertThat(failed.getCause()).isInstanceOf(ClientClosedException.class).hasMessageContaining("'never'");
        }
    }
}
