package dev.ipcm.service;

import dev.ipcm.IpcmException;
import org.apiguardian.api.API;

/**
 * A wait for a response (or for all pending responses) passed its deadline. The request stays
 * pending: a response that arrives later is still accepted.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public class RequestTimeoutException extends IpcmException {
    private static final long serialVersionUID = 1L;

    public RequestTimeoutException(String message) {
        super(message);
    }
}
