package dev.ipcm;

import org.apiguardian.api.API;

/**
 * An operation the protocol declares it cannot do, such as suspend on a socket protocol.
 */
@API(status = API.Status.STABLE, since = "0.1")
public class NotSupportedException extends IpcmException {
    private static final long serialVersionUID = 1L;

    public NotSupportedException(String message) {
        super(message);
    }

    public NotSupportedException(String message, Throwable cause) {
        super(message, cause);
    }
}
