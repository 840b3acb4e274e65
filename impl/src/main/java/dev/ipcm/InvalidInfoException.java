package dev.ipcm;

import org.apiguardian.api.API;

/**
 * A connection-info string that is not the three-element JSON array ipcm and IPC::Manager write.
 */
@API(status = API.Status.STABLE, since = "0.1")
public class InvalidInfoException extends IpcmException {
    private static final long serialVersionUID = 1L;

    public InvalidInfoException(String message) {
        super(message);
    }

    public InvalidInfoException(String message, Throwable cause) {
        super(message, cause);
    }
}
