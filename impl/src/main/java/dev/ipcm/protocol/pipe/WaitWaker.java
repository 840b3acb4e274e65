package dev.ipcm.protocol.pipe;

import dev.ipcm.os.Fd;
import dev.ipcm.os.Os;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * What ends a client's wait in {@code poll(2)} from another thread: an {@code eventfd(2)} counter
 * polled beside the FIFO. A wake-up that comes while nobody waits stays counted, so the next wait
 * returns at once; the waiter resets the counter when it sees it. Writes and the close are
 * serialised, so a wake-up never writes to a descriptor number the close freed and something else
 * may have taken.
 */
final class WaitWaker implements AutoCloseable {
    private static final byte[] ONE = {1, 0, 0, 0, 0, 0, 0, 0};

    private final Fd fd;
    private final byte[] drained = new byte[8];
    private boolean closed;

    private WaitWaker(Fd fd) {
        this.fd = fd;
    }

    static WaitWaker open() {
        return new WaitWaker(Os.get().eventFd());
    }

    /** The descriptor to poll beside the FIFO. */
    Fd fd() {
        return fd;
    }

    /** Ends the wait in progress, or the next one. */
    synchronized void wake() {
        if (closed) {
            return;
        }
        try {
            // One add of 1 (little-endian on every Linux ipcm runs on; any non-zero count wakes).
            // A counter at its limit refuses the write (EAGAIN, 0 here), and is readable already.
            fd.write(ONE, 0, ONE.length);
        } catch (IOException e) {
            throw new UncheckedIOException("Waking the waiting thread failed", e);
        }
    }

    /** Resets the counter after a wait saw it. */
    synchronized void reset() {
        if (closed) {
            return;
        }
        try {
            fd.read(drained, 0, drained.length);
        } catch (IOException e) {
            throw new UncheckedIOException("Resetting the wake-up counter failed", e);
        }
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            fd.close();
        }
    }
}
