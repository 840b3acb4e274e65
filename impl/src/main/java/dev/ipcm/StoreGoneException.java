package dev.ipcm;

import org.apiguardian.api.API;

/**
 * The store behind a client or info string no longer exists (its directory, file or database vanished).
 */
@API(status = API.Status.STABLE, since = "0.1")
public class StoreGoneException extends IpcmException {
    private static final long serialVersionUID = 1L;

    public StoreGoneException(String message) {
        super(message);
    }

    public StoreGoneException(String message, Throwable cause) {
        super(message, cause);
    }
}
