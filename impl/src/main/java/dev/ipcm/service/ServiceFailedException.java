package dev.ipcm.service;

import dev.ipcm.IpcmException;
import org.apiguardian.api.API;

/**
 * A service loop stopped on an error: a callback threw a checked exception (wrapped here), an
 * activity was left unhandled, or the service ran in a process it was not set up for. Without
 * {@code interceptErrors} this ends {@link AbstractService#run()} and the service process exits
 * with 255.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public class ServiceFailedException extends IpcmException {
    private static final long serialVersionUID = 1L;

    public ServiceFailedException(String message) {
        super(message);
    }

    public ServiceFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
