package dev.ipcm.spi;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import org.apiguardian.api.API;

/**
 * The services of the implementation behind a protocol, where that implementation is not ipcm:
 * a driver's (docs/driver-protocol.md). The mixed-pair scenarios start the implementation's own
 * Echo service for ipcm's handles to call, and open the implementation's own handles to call
 * ipcm's Echo, so requests and responses cross between implementations both ways.
 *
 * <p>A protocol offers these through {@link Protocol#nativeServices()}. ipcm's own protocols do
 * not: their services are ipcm's, whatever the store.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface NativeServices {
    /**
     * Starts the implementation's Echo service (it answers a request {@code R} with
     * {@code "echo: R"}) named {@code name} on the store {@code info} describes, and returns once
     * it is ready for requests, or throws when it is not ready within {@code timeout}.
     */
    RunningService startEcho(String info, String name, Duration timeout);

    /** Opens the implementation's own handle to the service {@code serviceName} on the store {@code info} describes. */
    Handle openHandle(String info, String serviceName);

    /** A service the implementation runs, in a process of its own. */
    @API(status = API.Status.EXPERIMENTAL, since = "0.1")
    interface RunningService extends AutoCloseable {
        /** The pid of the service's process. */
        long pid();

        /** Its exit status once it has ended by itself (a terminate message), empty while it runs. */
        OptionalInt exitStatus();

        /** Ends the service if it still runs (a signal, not a message) and releases what it holds. */
        @Override
        void close();
    }

    /** The implementation's handle to a service: requests out, responses back. */
    @API(status = API.Status.EXPERIMENTAL, since = "0.1")
    interface Handle extends AutoCloseable {
        /** True once the service is connected and active, as the implementation's handle judges it. */
        boolean ready();

        /** Sends {@code request} to the service and returns the request's id. */
        String sendRequest(JsonNode request);

        /**
         * The content of the response to the request {@code id} ({@code ipcm_response_id},
         * {@code response}, {@code ipcm_error} when the service failed), once it has arrived.
         */
        Optional<JsonNode> response(String id);

        /** Disconnects the handle's client. */
        @Override
        void close();
    }
}
