package dev.ipcm.bench;

import org.apiguardian.api.API;

/**
 * The Echo service on one protocol: request round trips through a handle, and how long
 * {@code Services.start(...)} took to return a ready Echo service running in a child JVM.
 *
 * @param protocol the protocol of the service's store
 * @param requestSize bytes of the request content
 * @param requests request round-trip latency (fixed schedule), or {@code null} when it failed
 * @param ready start-up times, as a latency over the starts measured, or {@code null} when it failed
 * @param failure why figures are missing, or {@code null}
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record ServiceFigures(String protocol, int requestSize, Latency requests, Latency ready, String failure) {}
