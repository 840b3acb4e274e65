package dev.ipcm.os;

import java.io.IOException;
import org.apiguardian.api.API;

/**
 * A failed system call, with the {@code errno} it set, so callers can tell "no reader on this
 * FIFO" ({@link #ENXIO}) or "reader went away" ({@link #EPIPE}) from other failures.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class ErrnoException extends IOException {
    private static final long serialVersionUID = 1L;

    /** No such file or directory. */
    public static final int ENOENT = 2;
    /** No such device or address: a non-blocking write-open of a FIFO that has no reader. */
    public static final int ENXIO = 6;
    /** File exists. */
    public static final int EEXIST = 17;
    /** Broken pipe: a write to a FIFO whose last reader closed it. */
    public static final int EPIPE = 32;

    private final int errno;

    /**
     * A failure of one call.
     *
     * @param message what was called on what, and the system's text for the error
     * @param errno the error number
     */
    public ErrnoException(String message, int errno) {
        super(message);
        this.errno = errno;
    }

    /** The error number. */
    public int errno() {
        return errno;
    }
}
