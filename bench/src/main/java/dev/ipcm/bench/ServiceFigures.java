package dev.ipcm.bench;

import org.apiguardian.api.API;

/**
 * The Echo service on one protocol: request round trips through a handle, and how long
 * {@code Services.start(...)} took to return a ready Echo service running in a child JVM.
 *
 * @param protocol the protocol of the service's store
 * @param requestSize bytes of the request content
 * @param requests request round-trip latency (fixed schedule, or closed loop with interval 0), or {@code null} when it failed
 * @param ready start-up times, as a latency over the starts measured, or {@code null} when it failed
 * @param failure why figures are missing, or {@code null}
 * @param reference the Perl reference's Echo on the same store (closed loop, one start), or
 *     {@code null} when it was not asked for
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record ServiceFigures(String protocol, int requestSize, Latency requests, Latency ready, String failure,
        ServiceFigures reference) {
    /** The figures of ipcm's Echo alone. */
    public ServiceFigures(String protocol, int requestSize, Latency requests, Latency ready, String failure) {
        this(protocol, requestSize, requests, ready, failure, null);
    }

    /** The same figures beside the reference's. */
    ServiceFigures withReference(ServiceFigures perl) {
        return new ServiceFigures(protocol, requestSize, requests, ready, failure, perl);
    }
}
