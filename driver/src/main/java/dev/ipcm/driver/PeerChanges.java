package dev.ipcm.driver;

import java.time.Duration;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Peer changes (+1 for a newcomer, -1 for a leaver) since the last change reported, computed from
 * the driver's {@code peers}: the driver protocol has no operation of its own for them.
 */
final class PeerChanges {
    private static final Duration PAUSE = Duration.ofMillis(20);

    private final Supplier<List<String>> peers;
    private Set<String> known;

    PeerChanges(Supplier<List<String>> peers) {
        this.peers = peers;
    }

    /** The peers at connect: the first change reported is against them. */
    synchronized void startFrom(List<String> peersAtConnect) {
        known = new HashSet<>(peersAtConnect);
    }

    synchronized Map<String, Integer> await(Duration timeout) {
        if (known == null) {
            known = new HashSet<>(peers.get());
        }
        long deadline = System.nanoTime() + Math.max(0, timeout.toNanos());
        while (true) {
            Set<String> now = new HashSet<>(peers.get());
            Map<String, Integer> delta = new TreeMap<>();
            now.stream().filter(p -> !known.contains(p)).forEach(p -> delta.put(p, 1));
            known.stream().filter(p -> !now.contains(p)).forEach(p -> delta.put(p, -1));
            if (!delta.isEmpty()) {
                known = now;
                return Collections.unmodifiableMap(delta);
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return Map.of();
            }
            try {
                Thread.sleep(Math.max(1, Math.min(PAUSE.toMillis(), left / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Map.of();
            }
        }
    }
}
