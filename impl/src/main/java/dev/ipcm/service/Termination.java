package dev.ipcm.service;

import java.util.Optional;

/**
 * A service's termination value: empty while it should run on. A stored non-zero value is never
 * replaced; a stored 0 gives way to a later non-zero value. Storing one from another thread wakes
 * the loop, which ends after its current pass.
 */
final class Termination {
    private final Runnable wake;
    private volatile Integer value;

    Termination(Runnable wake) {
        this.wake = wake;
    }

    /** Asks the loop to end with {@code code}; returns the value now stored. */
    synchronized int terminate(int code) {
        if (value == null || value == 0) {
            value = code;
        }
        wake.run();
        return value;
    }

    /** Asks the loop to end with 0 unless a value is stored already; returns the value now stored. */
    synchronized int terminate() {
        endQuietly();
        wake.run();
        return value;
    }

    /** Stores 0 unless a value is stored already, without waking: the loop ending itself. */
    synchronized void endQuietly() {
        if (value == null) {
            value = 0;
        }
    }

    /** The stored value, or null. */
    Integer value() {
        return value;
    }

    Optional<Integer> get() {
        return Optional.ofNullable(value);
    }

    boolean isSet() {
        return value != null;
    }
}
