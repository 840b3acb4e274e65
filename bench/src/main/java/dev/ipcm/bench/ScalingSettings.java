package dev.ipcm.bench;

import java.util.List;

/**
 * The scaling curves: whether they run, the numbers of concurrent senders and of peers on the
 * store, and the round trips and messages of each point, shared among its senders.
 *
 * @param enabled whether the curves run
 * @param senderCounts concurrent senders, one point each
 * @param peerCounts peers on the store, one point each
 * @param roundTrips round trips per point
 * @param messages streamed messages per point, at most the protocol's own stream
 */
record ScalingSettings(boolean enabled, List<Integer> senderCounts, List<Integer> peerCounts, int roundTrips, int messages) {
    static final ScalingSettings DEFAULTS = new ScalingSettings(false, List.of(1, 2, 4, 8, 16), List.of(2, 16, 64, 256),
            4_000, 20_000);

    /** Streamed messages per point for a protocol that streams {@code protocolStream} on its own. */
    int messagesFor(int protocolStream) {
        return Math.min(messages, protocolStream);
    }

    /** The setting as shown in reports. */
    String describe() {
        return enabled ? "senders " + senderCounts + ", peers " + peerCounts + ", " + roundTrips
                + " round trips and " + messages + " messages per point (fewer where the protocol streams fewer)" : "off";
    }
}
