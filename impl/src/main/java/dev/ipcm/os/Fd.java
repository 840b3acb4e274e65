package dev.ipcm.os;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.apiguardian.api.API;

/**
 * A raw file descriptor, for what Java streams cannot do: {@code flock(2)}, atomic
 * {@code write(2)} on a FIFO, non-blocking opens, and {@code poll(2)} with a deadline.
 *
 * <p>Failed calls throw {@link ErrnoException}, which carries the {@code errno} (a write to a
 * FIFO whose reader is gone gives {@link ErrnoException#EPIPE}; the JVM ignores
 * {@code SIGPIPE}, so that error is all that happens).
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public interface Fd extends AutoCloseable {
    int O_RDONLY = 0;
    int O_WRONLY = 1;
    int O_RDWR = 2;
    int O_CREAT = 0100;
    int O_EXCL = 0200;
    int O_TRUNC = 01000;
    int O_APPEND = 02000;
    int O_NONBLOCK = 04000;
    int O_CLOEXEC = 02000000;

    /** The descriptor number. */
    int fd();

    /** Takes a {@code flock(2)} lock, blocking until granted. */
    void lock(boolean exclusive) throws IOException;

    /** Releases the {@code flock(2)} lock. */
    void unlock() throws IOException;

    /** Reads up to {@code len} bytes; returns -1 at end of file, 0 when a non-blocking read would block. */
    int read(byte[] buf, int off, int len) throws IOException;

    /** One {@code write(2)} call; returns the bytes written, or 0 when a non-blocking write would block. */
    int write(byte[] buf, int off, int len) throws IOException;

    /**
     * One {@code read(2)} into {@code buffer} between its position and limit; the position
     * advances by the bytes read. Direct buffers are read into without a copy.
     *
     * @return the bytes read, 0 when a non-blocking read would block, -1 at end of file
     */
    int read(ByteBuffer buffer) throws IOException;

    /**
     * One {@code write(2)} of the bytes between {@code buffer}'s position and limit; the position
     * advances by the bytes written. Direct buffers are written without a copy.
     *
     * @return the bytes written, or 0 when a non-blocking write would block
     */
    int write(ByteBuffer buffer) throws IOException;

    /**
     * How many names the open file has ({@code st_nlink}): 0 once its last name was removed, -1
     * when this system cannot tell without a path.
     */
    long linkCount();

    /** Reads the whole file from offset 0. */
    byte[] readAll() throws IOException;

    /** Replaces the content in place: seek to 0, truncate, write everything. The inode stays the same. */
    void rewrite(byte[] content) throws IOException;

    /** Switches {@code O_NONBLOCK} on or off. */
    void setNonBlocking(boolean nonBlocking) throws IOException;

    /** Waits until readable (or hang-up/error) or the timeout passes; returns whether it became readable. */
    boolean awaitReadable(long timeoutMillis) throws IOException;

    /** {@link #awaitReadable(long, Fd)}'s answer: this descriptor is readable. */
    int READABLE = 1;
    /** {@link #awaitReadable(long, Fd)}'s answer: the wake-up descriptor is readable. */
    int WOKEN = 2;

    /**
     * Waits until this descriptor or {@code wake} is readable (or hang-up/error), or the timeout
     * passes, in one {@code poll(2)}.
     *
     * @return {@link #READABLE} and {@link #WOKEN} or-ed for those that are, 0 after the timeout
     */
    int awaitReadable(long timeoutMillis, Fd wake) throws IOException;

    /** Waits until writable or the timeout passes. */
    boolean awaitWritable(long timeoutMillis) throws IOException;

    /** Sets a pipe's capacity with {@code F_SETPIPE_SZ}; returns the new size, or -1 if refused. */
    int setPipeSize(int bytes);

    @Override
    void close();
}
