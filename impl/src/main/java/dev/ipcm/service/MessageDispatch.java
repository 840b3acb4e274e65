package dev.ipcm.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ipcm.ClientClosedException;
import dev.ipcm.Message;
import dev.ipcm.NoSuchPeerException;

/**
 * Hands one received message to a service by its kind (docs/services.md, "Wire shapes"): a
 * request to {@code handleRequest}, whose value or failure goes back as the response; a response
 * to {@code handleResponse}; anything else to {@code runOnGeneralMessage}.
 */
final class MessageDispatch {
    /** The error text of a failed request when details are not exposed. */
    static final String GENERIC_ERROR = "Internal service error";

    private final AbstractService service;
    private final ServiceContext context;

    MessageDispatch(AbstractService service, ServiceContext context) {
        this.service = service;
        this.context = context;
    }

    void dispatch(Message m) throws Exception {
        JsonNode content = m.content();
        if (Wire.isRequest(content)) {
            answer(new Request((ObjectNode) content, m));
        } else if (Wire.isResponse(content)) {
            service.handleResponse(new Response((ObjectNode) content, m));
        } else {
            service.runOnGeneralMessage(m);
        }
    }

    private void answer(Request request) {
        Object value;
        try {
            value = service.handleRequest(request);
        } catch (Exception | AssertionError e) {
            respond(request, null, context.settings().exposeErrorDetails() ? errorText(e) : GENERIC_ERROR);
            return;
        }
        if (value != AbstractService.NO_RESPONSE) {
            respond(request, value, null);
        }
    }

    private void respond(Request request, Object value, String error) {
        try {
            context.sendResponse(request.from(), request.id(), value, error);
        } catch (NoSuchPeerException | ClientClosedException e) {
            // The requester left before its answer (or our own client was closed under us by the
            // store's shutdown): not a reason to fail the service.
            context.debug("Peer '" + context.name() + "' could not answer request '" + request.id() + "': "
                    + e.getMessage());
        }
    }

    /** The text of an exposed error: the exception's message, unless it says nothing. */
    static String errorText(Throwable e) {
        String msg = e.getMessage();
        if (msg == null || msg.isEmpty() || msg.equals("0")) {
            return "There was an error: " + e;
        }
        return msg;
    }
}
