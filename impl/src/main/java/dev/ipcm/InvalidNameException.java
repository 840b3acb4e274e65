package dev.ipcm;

import org.apiguardian.api.API;

/**
 * A client name that cannot be used: empty, reserved, too long, or holding characters a store cannot keep.
 */
@API(status = API.Status.STABLE, since = "0.1")
public class InvalidNameException extends IpcmException {
    private static final long serialVersionUID = 1L;

    public InvalidNameException(String message) {
        super(message);
    }

    public InvalidNameException(String message, Throwable cause) {
        super(message, cause);
    }
}
