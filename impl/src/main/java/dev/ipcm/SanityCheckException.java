package dev.ipcm;

import org.apiguardian.api.API;

/**
 * Shutdown found that messages sent and messages received do not match.
 */
@API(status = API.Status.STABLE, since = "0.1")
public class SanityCheckException extends IpcmException {
    private static final long serialVersionUID = 1L;

    public SanityCheckException(String message) {
        super(message);
    }

    public SanityCheckException(String message, Throwable cause) {
        super(message, cause);
    }
}
