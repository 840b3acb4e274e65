package dev.ipcm.spi;

import dev.ipcm.NoSuchPeerException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.LongConsumer;
import java.util.function.Supplier;

/**
 * A client's view of its peers: who is registered, their pids and suspend deadlines, the sweep
 * of dead ones, and waiting for a peer to become active or for the peer set to change since the
 * client last looked (the first look is at connect time).
 */
final class Peers {
    private final AbstractClient client;
    /** The peer set the last look saw; guarded by the client's I/O lock. */
    private Set<String> lastPeers;
    /** Made once, as a service loop waits for changes again and again. */
    private final Supplier<Map<String, Integer>> lookAgain = this::delta;
    private final LongConsumer pause = this::pause;

    Peers(AbstractClient client) {
        this.client = client;
    }

    /** The first look, once the client is registered. */
    void start() {
        synchronized (client.io) {
            lastPeers = new TreeSet<>(client.listPeers());
        }
    }

    List<String> list() {
        synchronized (client.io) {
            return List.copyOf(client.listPeers());
        }
    }

    boolean exists(String peer) {
        if (peer == null || peer.isEmpty()) {
            throw new NoSuchPeerException("'peer_id' is required: pass a client name");
        }
        synchronized (client.io) {
            return client.isRegistered(peer);
        }
    }

    OptionalLong pid(String peer) {
        synchronized (client.io) {
            return client.recordedPid(peer);
        }
    }

    /** Where {@code peer} runs, when the store recorded it. */
    Optional<dev.ipcm.PeerHost> host(String peer) {
        if (peer == null || peer.isEmpty()) {
            return Optional.empty();
        }
        synchronized (client.io) {
            return client.recordedHost(peer);
        }
    }

    /** Whether a recorded pid names a running process of this host: the reference's liveness. */
    boolean runs(OptionalLong pid) {
        return pid.isPresent() && AbstractClient.isRunning(pid.getAsLong());
    }

    Optional<BigDecimal> suspendExpires(String peer) {
        if (peer == null || peer.isEmpty()) {
            return Optional.empty();
        }
        synchronized (client.io) {
            return client.recordedSuspendDeadline(peer);
        }
    }

    int reapDead() {
        synchronized (client.io) {
            return client.reapDeadPeers();
        }
    }

    /** Whether {@code peer} became active, as the client's {@code peerActive} says, before {@code timeout} passed. */
    boolean awaitActive(String peer, Duration timeout) {
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must not be negative: timeout=" + timeout);
        }
        return Waiting.until(timeout, () -> client.peerActive(peer), active -> active, pause);
    }

    /** Peer name to +1 (arrived) or -1 (left) since the last look; empty when the timeout passed with no change. */
    Map<String, Integer> awaitChange(Duration timeout) {
        return Waiting.until(timeout, lookAgain, delta -> !delta.isEmpty(), pause);
    }

    private void pause(long left) {
        client.waitForPeerActivity(Math.min(left, Waiting.PEER_RECHECK_NANOS));
    }

    private Map<String, Integer> delta() {
        Set<String> now = new TreeSet<>(client.peers());
        Map<String, Integer> delta = new TreeMap<>();
        synchronized (client.io) {
            Set<String> before = lastPeers == null ? Set.of() : lastPeers;
            for (String p : now) {
                if (!before.contains(p)) {
                    delta.put(p, 1);
                }
            }
            for (String p : before) {
                if (!now.contains(p)) {
                    delta.put(p, -1);
                }
            }
            lastPeers = now;
        }
        return Collections.unmodifiableMap(delta);
    }
}
