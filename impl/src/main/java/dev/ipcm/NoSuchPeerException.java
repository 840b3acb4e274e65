package dev.ipcm;

import org.apiguardian.api.API;

/**
 * A message addressed to a peer that is not registered in the store (never connected, or disconnected).
 */
@API(status = API.Status.STABLE, since = "0.1")
public class NoSuchPeerException extends IpcmException {
    private static final long serialVersionUID = 1L;

    public NoSuchPeerException(String message) {
        super(message);
    }

    public NoSuchPeerException(String message, Throwable cause) {
        super(message, cause);
    }
}
