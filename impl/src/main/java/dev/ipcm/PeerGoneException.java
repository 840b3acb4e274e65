package dev.ipcm;

import org.apiguardian.api.API;

/**
 * A peer that died or left while something was waiting on it.
 */
@API(status = API.Status.STABLE, since = "0.1")
public class PeerGoneException extends IpcmException {
    private static final long serialVersionUID = 1L;

    public PeerGoneException(String message) {
        super(message);
    }

    public PeerGoneException(String message, Throwable cause) {
        super(message, cause);
    }
}
