package dev.ipcm.bench;

import org.apiguardian.api.API;

/**
 * How soon a peer sees another one's death on a database server store: a peer process is
 * SIGKILLed, and a client of this JVM asks {@code peerActive} until it says gone (the server
 * frees the dead session's liveness token; docs/protocols/databases.md, "Across machines").
 *
 * @param protocol {@code PostgreSQL}, {@code MariaDB} or {@code MySQL}
 * @param detection from the kill to "gone", over the runs ({@code roundTrips} counts the runs);
 *     {@code null} when it failed
 * @param failure why it was not measured, or {@code null}
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record LivenessFigures(String protocol, Latency detection, String failure) {}
