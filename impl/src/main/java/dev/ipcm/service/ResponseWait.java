package dev.ipcm.service;

import dev.ipcm.PeerGoneException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.ToIntFunction;

/**
 * A handle's waits for responses: it polls its client until the response is there, the deadline
 * has passed, or the peer it waits for has gone (docs/services.md, "Handles, peers and waiting for
 * responses"). A gone peer gets one last non-blocking read, since it may have answered and left.
 */
final class ResponseWait {
    private final Requester requester;
    private final ToIntFunction<Duration> poll;
    private final Duration interval;

    /** Waits of {@code requester}, which reads its client with {@code poll} (returning how many messages it read). */
    ResponseWait(Requester requester, ToIntFunction<Duration> poll, Duration interval) {
        this.requester = requester;
        this.poll = poll;
        this.interval = interval;
    }

    /** Waits for a plain request's response; a null timeout waits until the peer answers or goes. */
    Response response(String id, Duration timeout) {
        Requests requests = requester.requests();
        long start = System.nanoTime();
        LivenessSchedule liveness = new LivenessSchedule(start, interval);
        while (true) {
            Optional<Response> r = requests.get(id);
            if (r.isPresent()) {
                return r.get();
            }
            long left = left(start, timeout);
            Requests.Entry e = requests.entry(id);
            if (e != null && liveness.due(left) && !PeerLiveness.isAlive(requester.client(), e.peer, e.pid)) {
                poll.applyAsInt(Duration.ZERO);
                r = requests.get(id);
                if (r.isPresent()) {
                    return r.get();
                }
                throw new PeerGoneException("peer '" + e.peer + "' went away while awaiting response '" + id + "'");
            }
            if (left <= 0) {
                throw new RequestTimeoutException("await_response: timed out after " + seconds(timeout)
                        + "s waiting for response '" + id + "'");
            }
            liveness.waited(pollSlice(left));
        }
    }

    /** Waits until no request is pending; callbacks run meanwhile. A null timeout has no deadline. */
    void all(Duration timeout) {
        Requests requests = requester.requests();
        long start = System.nanoTime();
        LivenessSchedule liveness = new LivenessSchedule(start, interval);
        while (requests.havePending()) {
            long left = left(start, timeout);
            Set<String> gone = liveness.due(left) ? gonePeers() : Set.of();
            if (!gone.isEmpty()) {
                poll.applyAsInt(Duration.ZERO);
                if (!requests.havePending()) {
                    return;
                }
                gone = gonePeers();
                if (!gone.isEmpty()) {
                    throw new PeerGoneException("peer(s) '" + String.join(", ", gone)
                            + "' went away while awaiting responses");
                }
            }
            if (left <= 0) {
                throw new RequestTimeoutException("await_all_responses: timed out after " + seconds(timeout)
                        + "s with pending responses");
            }
            liveness.waited(pollSlice(left));
        }
    }

    private int pollSlice(long left) {
        return poll.applyAsInt(Duration.ofNanos(Math.min(interval.toNanos(), left)));
    }

    private Set<String> gonePeers() {
        Set<String> gone = new LinkedHashSet<>();
        // Many requests usually share a few peers: ask the store once per (peer, pid), not per request.
        Set<String> checked = new HashSet<>();
        for (Requests.Entry e : requester.requests().pending()) {
            if (checked.add(e.peer + "\u0000" + e.pid) && !PeerLiveness.isAlive(requester.client(), e.peer, e.pid)) {
                gone.add(e.peer);
            }
        }
        return gone;
    }

    private static long left(long start, Duration timeout) {
        if (timeout == null) {
            return Long.MAX_VALUE;
        }
        return start + timeout.toNanos() - System.nanoTime();
    }

    private static String seconds(Duration d) {
        return BigDecimal.valueOf(d.toNanos()).movePointLeft(9).stripTrailingZeros().toPlainString();
    }
}
