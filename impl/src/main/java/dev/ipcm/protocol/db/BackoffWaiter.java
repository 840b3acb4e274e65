package dev.ipcm.protocol.db;

import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Polling with a bounded, doubling pause: the first re-check comes after {@code minNanos}, then
 * the pause doubles up to {@code maxNanos}. So an idle receiver runs at most one query per
 * {@code minNanos}, falling to one per {@code maxNanos}; a message is seen at most
 * {@code maxNanos} (plus a query) after it is committed. Used where nothing can notify
 * (MariaDB, MySQL), and as the fallback of the other waiters.
 */
final class BackoffWaiter implements ActivityWaiter {
    private final long minNanos;
    private final long maxNanos;

    BackoffWaiter(long minNanos, long maxNanos) {
        this.minNanos = minNanos;
        this.maxNanos = maxNanos;
    }

    /** Nothing to forget: a poll has no queued wake-ups, so an empty receive counts as the first check. */
    @Override
    public boolean discardWakeups() {
        return true;
    }

    @Override
    public void await(long nanos, BooleanSupplier ready, boolean checked) {
        long deadline = System.nanoTime() + nanos;
        long pause = minNanos;
        while (checked || !ready.getAsBoolean()) {
            checked = false;
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            LockSupport.parkNanos(Math.min(pause, left));
            if (Thread.currentThread().isInterrupted()) {
                return;
            }
            pause = Math.min(pause * 2, maxNanos);
        }
    }

    @Override
    public void close() {}
}
