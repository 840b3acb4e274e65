package dev.ipcm.bench;

import java.util.concurrent.locks.LockSupport;

/** Waits until an intended send time: parks while far away, then spins the last stretch so wake-up slack is not added. */
final class Pacer {
    /** Below this the thread spins: Linux timer slack alone is 50 µs. */
    private static final long SPIN_NANOS = 100_000;

    private Pacer() {}

    static void waitUntil(long nanoTime) {
        while (true) {
            long rest = nanoTime - System.nanoTime();
            if (rest <= 0) {
                return;
            }
            if (rest > SPIN_NANOS) {
                LockSupport.parkNanos(rest - SPIN_NANOS);
            } else {
                Thread.onSpinWait();
            }
        }
    }
}
