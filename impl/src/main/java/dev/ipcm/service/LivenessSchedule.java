package dev.ipcm.service;

import java.time.Duration;

/**
 * When a wait for responses asks whether the awaited peers still live. IPC::Manager asks before
 * every wait, which costs a few store look-ups and a pid probe on the path of every request
 * although the answer almost always arrives within the first wait. A peer that went away cannot
 * answer, so asking after a wait that brought nothing (or when the time is up, or at least once
 * per interval while unrelated messages keep arriving) ends such a wait with the same
 * {@link dev.ipcm.PeerGoneException}, at most one interval later.
 */
final class LivenessSchedule {
    private final long intervalNanos;
    private long lastCheck;
    private boolean idle;

    /** A schedule for a wait that began at {@code start} ({@link System#nanoTime()}). */
    LivenessSchedule(long start, Duration interval) {
        this.lastCheck = start;
        this.intervalNanos = interval.toNanos();
    }

    /** Whether to check now, given the time left ({@code <= 0}: the deadline has passed). */
    boolean due(long left) {
        long now = System.nanoTime();
        if (idle || left <= 0 || now - lastCheck >= intervalNanos) {
            lastCheck = now;
            idle = false;
            return true;
        }
        return false;
    }

    /** Records how many messages the last wait brought. */
    void waited(int messages) {
        idle = messages == 0;
    }
}
