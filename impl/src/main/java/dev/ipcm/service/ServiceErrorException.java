package dev.ipcm.service;

import dev.ipcm.IpcmException;
import org.apiguardian.api.API;

/**
 * A service answered a request with an error ({@code ipcm_error}); thrown by
 * {@link Response#orThrow()}. The message is the service's error text.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public class ServiceErrorException extends IpcmException {
    private static final long serialVersionUID = 1L;
    private final transient Response response;

    public ServiceErrorException(Response response) {
        super(response.error().orElse("(no error text)"));
        this.response = response;
    }

    /** The error response as received. */
    public Response response() {
        return response;
    }
}
