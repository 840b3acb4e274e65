package dev.ipcm;

import org.apiguardian.api.API;

/**
 * A connect under a name that a live client already holds.
 */
@API(status = API.Status.STABLE, since = "0.1")
public class NameTakenException extends IpcmException {
    private static final long serialVersionUID = 1L;

    public NameTakenException(String message) {
        super(message);
    }

    public NameTakenException(String message, Throwable cause) {
        super(message, cause);
    }
}
