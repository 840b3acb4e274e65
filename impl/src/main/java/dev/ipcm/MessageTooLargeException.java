package dev.ipcm;

import org.apiguardian.api.API;

/**
 * A message whose serialized form exceeds what the protocol can carry; nothing was sent.
 */
@API(status = API.Status.STABLE, since = "0.1")
public class MessageTooLargeException extends IpcmException {
    private static final long serialVersionUID = 1L;

    public MessageTooLargeException(String message) {
        super(message);
    }

    public MessageTooLargeException(String message, Throwable cause) {
        super(message, cause);
    }
}
