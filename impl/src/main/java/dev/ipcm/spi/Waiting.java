package dev.ipcm.spi;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongConsumer;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Waiting with a deadline, the one way every wait of a client is written. */
final class Waiting {
    /** How often peers are looked at again where the protocol is woken by nothing sooner. */
    static final long PEER_RECHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    private static final long MAX_BACKOFF_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private Waiting() {}

    /**
     * Asks {@code look} until {@code done} accepts its answer or {@code timeout} passes, handing
     * the time left to {@code pause} between asks, and returns the last answer.
     */
    static <T> T until(Duration timeout, Supplier<T> look, Predicate<T> done, LongConsumer pause) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            T answer = look.get();
            if (done.test(answer)) {
                return answer;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return answer;
            }
            pause.accept(left);
        }
    }

    /**
     * The default wait for a message: polls {@link AbstractClient#hasReady()} with a back-off
     * bounded at 20 ms, for stores nothing can notify, until something is ready, the client is
     * closed, or {@code nanos} pass.
     */
    static void pollForActivity(AbstractClient client, long nanos) {
        long deadline = System.nanoTime() + nanos;
        long pause = TimeUnit.MICROSECONDS.toNanos(500);
        while (true) {
            synchronized (client.io) {
                if (client.isClosed() || client.hasReady()) {
                    return;
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            LockSupport.parkNanos(Math.min(pause, left));
            pause = Math.min(pause * 2, MAX_BACKOFF_NANOS);
        }
    }

    /** The default wait for a peer: the re-check interval, or less when less time is left. */
    static void pauseForPeers(long nanos) {
        LockSupport.parkNanos(Math.min(nanos, PEER_RECHECK_NANOS));
    }
}
