package dev.ipcm.bench;

import dev.ipcm.IpcmException;
import org.apiguardian.api.API;

/** A measurement could not be made: a child JVM failed, a deadline passed, or an option was wrong. */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public class BenchException extends IpcmException {
    private static final long serialVersionUID = 1L;

    /** With a message that says what failed and what to do. */
    public BenchException(String message) {
        super(message);
    }

    /** With a message and the failure underneath. */
    public BenchException(String message, Throwable cause) {
        super(message, cause);
    }
}
