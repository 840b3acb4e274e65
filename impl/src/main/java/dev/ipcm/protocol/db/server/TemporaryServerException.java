package dev.ipcm.protocol.db.server;

import org.apiguardian.api.API;

/**
 * A temporary database server could not be set up: its directory, a set-up program, the server's
 * start or its first database. The database protocols report it as a
 * {@code dev.ipcm.protocol.db.DatabaseAccessException} with this message and cause.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class TemporaryServerException extends Exception {
    private static final long serialVersionUID = 1L;

    TemporaryServerException(String message) {
        super(message);
    }

    TemporaryServerException(String message, Throwable cause) {
        super(message, cause);
    }
}
