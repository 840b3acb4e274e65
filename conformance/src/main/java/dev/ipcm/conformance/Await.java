package dev.ipcm.conformance;

import dev.ipcm.Client;
import dev.ipcm.Message;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/** Waits with deadlines, never with sleeps: each wait blocks on the client's own wake-up. */
final class Await {
    private Await() {}

    /** Receives until {@code count} messages arrived or the timeout passed; returns what arrived. */
    static List<Message> messages(Client client, int count, Duration timeout) {
        List<Message> got = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (got.size() < count) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            got.addAll(client.awaitMessages(Duration.ofNanos(left)));
        }
        return got;
    }

    /** Waits until {@code condition} holds, re-checking on the peer-change wake-up of {@code client}. */
    static boolean peers(Client client, BooleanSupplier condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            client.awaitPeerChange(Duration.ofNanos(Math.min(left, Duration.ofMillis(100).toNanos())));
        }
        return true;
    }
}
