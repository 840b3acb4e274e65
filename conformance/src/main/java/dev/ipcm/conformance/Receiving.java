package dev.ipcm.conformance;

import dev.ipcm.Client;
import dev.ipcm.Message;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A receiver reading in its own thread while the test sends, as a real peer does: a transport
 * with a bounded buffer (a pipe, a socket) blocks a large send until the receiver reads.
 */
final class Receiving {
    private final CompletableFuture<List<Message>> got;
    private final Duration wait;

    private Receiving(Client receiver, int count, Duration wait) {
        this.wait = wait;
        this.got = CompletableFuture.supplyAsync(() -> Await.messages(receiver, count, wait),
                runnable -> {
                    Thread t = new Thread(runnable, "ipcm-receiving-" + receiver.name());
                    t.setDaemon(true);
                    t.start();
                });
    }

    /** Starts reading up to {@code count} messages for {@code receiver}, within {@code wait} from now. */
    static Receiving start(Client receiver, int count, Duration wait) {
        return new Receiving(receiver, count, wait);
    }

    /** What arrived: all {@code count} messages, or fewer if the wait ran out. */
    List<Message> messages() {
        try {
            return got.get(wait.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the receiving thread", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the receiving thread did not finish within " + wait, e);
        }
    }
}
