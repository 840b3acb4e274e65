package dev.ipcm.service;

import dev.ipcm.Client;
import dev.ipcm.Message;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** The peers a service saw last time it looked, and when to look again. */
final class PeerDeltas {
    private Set<String> previous;
    private long lastListing;

    /**
     * Peers that arrived (+1) or left (-1) since the previous look (every current peer is +1 on
     * the first look); the new set is remembered unless {@code peek}.
     */
    synchronized Map<String, Integer> delta(Client client, boolean peek) {
        lastListing = System.nanoTime();
        Set<String> now = new TreeSet<>(client.peers());
        Map<String, Integer> delta = new TreeMap<>();
        Set<String> before = previous == null ? Set.of() : previous;
        now.stream().filter(p -> !before.contains(p)).forEach(p -> delta.put(p, 1));
        before.stream().filter(p -> !now.contains(p)).forEach(p -> delta.put(p, -1));
        if (!peek) {
            previous = now;
        }
        return delta;
    }

    /**
     * Whether a pass that brought {@code messages} should look. IPC::Manager looks on every pass,
     * which on a directory store is a listing plus a pid read per peer, on the path of every
     * request. A pass that carries messages only from peers already known has no reason to
     * expect a change, so the loop looks on every pass without messages (a quiet service, as
     * before), whenever a message comes from a peer not yet seen (so a newcomer's +1 still
     * reaches {@code onPeerDelta} before its first message is dispatched), and otherwise at least
     * once per cycle: a peer's departure is seen within one cycle, which is also how long a quiet
     * pass may wait.
     */
    synchronized boolean due(List<Message> messages, Duration cycle, String self) {
        if (messages.isEmpty() || previous == null || System.nanoTime() - lastListing >= cycle.toNanos()) {
            return true;
        }
        for (Message m : messages) {
            String from = m.from();
            if (!previous.contains(from) && !self.equals(from)) {
                return true;
            }
        }
        return false;
    }
}
