package dev.ipcm.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ipcm.service.ServiceHandle;
import java.time.Duration;

/** A request to the Echo service and its response as one ping-pong round trip. */
final class EchoLink implements Link {
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final ServiceHandle handle;
    private final String service;
    private final JsonNode request;
    private String pending;

    EchoLink(ServiceHandle handle, String service, int size) {
        this.handle = handle;
        this.service = service;
        this.request = Payloads.content(size);
    }

    @Override
    public void send() {
        pending = handle.sendRequest(service, request);
    }

    @Override
    public int receive() {
        handle.awaitResponse(pending, REQUEST_TIMEOUT).orThrow();
        return 1;
    }

    @Override
    public void close() {
        // The handle is closed by its owner.
    }
}
