package dev.ipcm.bench;

import org.apiguardian.api.API;

/**
 * One point of a scaling curve: a protocol with {@code n} concurrent senders (each its own client
 * in one child JVM, all talking to one receiver) or with {@code n} peers on the store (two active,
 * the rest idle).
 *
 * @param protocol the protocol
 * @param dimension {@code senders} or {@code peers}
 * @param n how many senders or peers
 * @param size content bytes per message
 * @param latency round trips of all senders together (each on its own fixed schedule), or null
 * @param throughput all senders' messages streamed to the one receiver, or null
 * @param failure why figures are missing, or null
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record ScalingPoint(String protocol, String dimension, int n, int size, Latency latency, Throughput throughput,
        String failure) {}
