package dev.ipcm;

import org.apiguardian.api.API;

/**
 * An operation on a client that has already disconnected or suspended.
 */
@API(status = API.Status.STABLE, since = "0.1")
public class ClientClosedException extends IpcmException {
    private static final long serialVersionUID = 1L;

    public ClientClosedException(String message) {
        super(message);
    }

    public ClientClosedException(String message, Throwable cause) {
        super(message, cause);
    }
}
