package dev.ipcm;

import org.apiguardian.api.API;

/**
 * Message content that cannot be turned into JSON, or JSON that is not a valid message.
 */
@API(status = API.Status.STABLE, since = "0.1")
public class ContentException extends IpcmException {
    private static final long serialVersionUID = 1L;

    public ContentException(String message) {
        super(message);
    }

    public ContentException(String message, Throwable cause) {
        super(message, cause);
    }
}
