package dev.ipcm.os;

import java.nio.file.Path;
import org.apiguardian.api.API;

/**
 * The few operating-system calls the JDK lacks: liveness by {@code kill(pid, 0)}, sending a
 * named signal, {@code mkfifo}, {@code flock(2)}, raw file descriptors for FIFOs.
 *
 * <p>One interface, one implementation ({@link #get()}), so the rest of ipcm never touches
 * native code directly.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public interface Os {
    /** The implementation for this machine. */
    static Os get() {
        return NativeOs.INSTANCE;
    }

    /** This process's id. */
    long pid();

    /**
     * Whether a process exists, with {@code kill(pid, 0)} semantics: a zombie counts as running,
     * and so does a process owned by another user ({@code EPERM}).
     *
     * @throws IllegalArgumentException for a pid that is not positive
     */
    boolean isRunning(long pid);

    /**
     * Sends a signal by its bare name ({@code TERM}, {@code USR1}, ...; a {@code SIG} prefix is
     * accepted).
     *
     * @return false when the process does not exist
     * @throws IllegalArgumentException for an unknown signal name
     */
    boolean kill(long pid, String signal);

    /** The number of a signal name on this machine. */
    int signalNumber(String signal);

    /**
     * Creates a FIFO with the given mode (masked by the umask).
     *
     * @throws java.io.UncheckedIOException whose cause is an {@link ErrnoException} (e.g.
     *     {@link ErrnoException#EEXIST})
     */
    void mkfifo(Path path, int mode);

    /**
     * Opens a file descriptor with {@code open(2)} flags from {@link Fd}.
     *
     * @throws java.io.UncheckedIOException whose cause is an {@link ErrnoException} (e.g.
     *     {@link ErrnoException#ENXIO} for a non-blocking write-open of a FIFO without a reader)
     */
    Fd open(Path path, int flags, int mode);

    /**
     * A new {@code eventfd(2)} counter, non-blocking and closed on exec: a thread writes to it to
     * end another's {@link Fd#awaitReadable(long, Fd)} early.
     *
     * @throws java.io.UncheckedIOException whose cause is an {@link ErrnoException}
     */
    Fd eventFd();
}
