package dev.ipcm.service;

import dev.ipcm.IpcmException;
import org.apiguardian.api.API;

/**
 * A service could not be started: its process did not come up before the ready timeout, exited
 * with an error first, could not be launched, or its start-up callback failed.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public class ServiceStartException extends IpcmException {
    private static final long serialVersionUID = 1L;

    public ServiceStartException(String message) {
        super(message);
    }

    public ServiceStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
