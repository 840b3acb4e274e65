package dev.ipcm.protocol.pipe;

import dev.ipcm.os.Fd;
import dev.ipcm.os.Os;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A client's own FIFO, open for reading. It is opened read-write so the open never blocks and
 * the reader never sees end-of-file (it is a writer itself), and non-blocking so a read takes
 * only what is there. Waiting is {@code poll(2)} with a deadline, which the JDK cannot do on a
 * FIFO (its file channels are not selectable); the calling thread waits itself, so a message
 * costs no hand-off between threads.
 */
final class FifoReader implements AutoCloseable {
    private static final Path PIPE_MAX_SIZE = Path.of("/proc/sys/fs/pipe-max-size");

    private final Fd fd;
    private final Path path;
    private final Reassembler reassembler = new Reassembler();

    private FifoReader(Fd fd, Path path) {
        this.fd = fd;
        this.path = path;
    }

    /** Opens an existing FIFO and raises its capacity as far as the system allows. */
    static FifoReader open(Path fifo) {
        Fd fd = Os.get().open(fifo, Fd.O_RDWR | Fd.O_NONBLOCK, 0);
        // A bigger pipe only means fewer blocked writers; refusal (EPERM over a user quota) is harmless.
        fd.setPipeSize(pipeMaxSize());
        return new FifoReader(fd, fifo);
    }

    private static int pipeMaxSize() {
        try {
            // procfs reports a size of 0, which some JDK bulk reads take literally: read it as lines.
            return Integer.parseInt(Files.readAllLines(PIPE_MAX_SIZE, StandardCharsets.US_ASCII).get(0).trim());
        } catch (IOException | NumberFormatException | IndexOutOfBoundsException e) {
            return 1 << 20;
        }
    }

    /** Where the chunks go. */
    Reassembler reassembler() {
        return reassembler;
    }

    /**
     * Moves the bytes readable now into the reassembler, read straight into its buffer. A read
     * that does not fill the buffer emptied the pipe, so no further read (and {@code EAGAIN}) is
     * spent to learn that; bytes arriving meanwhile wait for the next pump.
     *
     * @return the number of bytes read
     */
    long pump() {
        long total = 0;
        while (true) {
            ByteBuffer space = reassembler.space();
            int room = space.remaining();
            int n;
            try {
                n = fd.read(space);
            } catch (IOException e) {
                throw new UncheckedIOException("Reading FIFO '" + path + "' failed", e);
            }
            if (n <= 0) {
                return total;
            }
            total += n;
            reassembler.process();
            if (n < room) {
                return total;
            }
        }
    }

    /** Whether bytes are waiting in the FIFO. */
    boolean readable() {
        return await(0);
    }

    /** Waits up to {@code millis} for bytes; returns whether some are there. */
    boolean await(long millis) {
        try {
            return fd.awaitReadable(millis);
        } catch (IOException e) {
            throw new UncheckedIOException("Waiting on FIFO '" + path + "' failed", e);
        }
    }

    /**
     * Waits up to {@code millis} for bytes or a wake-up; returns {@link Fd#READABLE} and
     * {@link Fd#WOKEN} or-ed for what happened, 0 after the time.
     */
    int await(long millis, WaitWaker waker) {
        try {
            return fd.awaitReadable(millis, waker.fd());
        } catch (IOException e) {
            throw new UncheckedIOException("Waiting on FIFO '" + path + "' failed", e);
        }
    }

    @Override
    public void close() {
        fd.close();
    }
}
