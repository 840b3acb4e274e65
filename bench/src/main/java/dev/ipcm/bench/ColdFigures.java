package dev.ipcm.bench;

import org.apiguardian.api.API;

/**
 * What a short-lived process feels on one protocol: a fresh JVM (started as a user's test or tool
 * starts one, no tuning) connects and sends, and a peer process receives.
 *
 * @param protocol the protocol's short name
 * @param size content bytes per message
 * @param firstMessage from just before the JVM's process was started to the peer's receipt of
 *     its first message, over the runs; {@code null} when it failed
 * @param freshStream the fresh JVM's stream right after its first message (the median run), from
 *     its first send to the peer's last receive; {@code null} when it failed
 * @param threadServiceReady {@code Services.start(...)} of an Echo service in a thread, store
 *     spawn included, over the starts; {@code null} when it failed
 * @param failure why figures are missing, or {@code null}
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record ColdFigures(String protocol, int size, Latency firstMessage, Throughput freshStream,
        Latency threadServiceReady, String failure) {}
