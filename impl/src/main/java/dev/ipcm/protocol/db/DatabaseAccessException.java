package dev.ipcm.protocol.db;

import dev.ipcm.IpcmException;
import org.apiguardian.api.API;

/**
 * A database could not be used: the server is unreachable, refused the credentials, lacks the
 * database, or failed a statement. The message names the route and the setting to fix.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public class DatabaseAccessException extends IpcmException {
    private static final long serialVersionUID = 1L;

    public DatabaseAccessException(String message) {
        super(message);
    }

    public DatabaseAccessException(String message, Throwable cause) {
        super(message, cause);
    }
}
