package dev.ipcm;

import org.apiguardian.api.API;

/**
 * A protocol or serializer name that no plugin on the class path answers to.
 */
@API(status = API.Status.STABLE, since = "0.1")
public class UnknownProtocolException extends IpcmException {
    private static final long serialVersionUID = 1L;

    public UnknownProtocolException(String message) {
        super(message);
    }

    public UnknownProtocolException(String message, Throwable cause) {
        super(message, cause);
    }
}
