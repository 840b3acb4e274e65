package dev.ipcm;

import org.apiguardian.api.API;

/**
 * The root of every exception ipcm throws on purpose.
 *
 * <p>Each subclass names one kind of mistake; its message says what was wrong, with the
 * offending value, and what to do about it.
 */
@API(status = API.Status.STABLE, since = "0.1")
public class IpcmException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public IpcmException(String message) {
        super(message);
    }

    public IpcmException(String message, Throwable cause) {
        super(message, cause);
    }
}
