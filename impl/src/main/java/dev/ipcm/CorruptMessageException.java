package dev.ipcm;

import org.apiguardian.api.API;

/**
 * A stored message that could not be decoded; it was set aside and the other messages were still delivered.
 */
@API(status = API.Status.STABLE, since = "0.1")
public class CorruptMessageException extends IpcmException {
    private static final long serialVersionUID = 1L;

    public CorruptMessageException(String message) {
        super(message);
    }

    public CorruptMessageException(String message, Throwable cause) {
        super(message, cause);
    }
}
