package dev.ipcm.protocol.pipe;

import dev.ipcm.os.Fd;
import dev.ipcm.os.Os;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A client's own FIFO, open for reading. It is opened read-write so the open never blocks and
 * the reader never sees end-of-file (it is a writer itself), and non-blocking so a read takes
 * only what is there. Waiting is {@code poll(2)} with a deadline.
 */
final class FifoReader implements AutoCloseable {
    private static final Path PIPE_MAX_SIZE = Path.of("/proc/sys/fs/pipe-max-size");

    private final Fd fd;
    private final Path path;
    private final Reassembler reassembler = new Reassembler();
    private final byte[] buffer = new byte[1 << 16];

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
     * Moves every byte readable now into the reassembler.
     *
     * @return the number of bytes read
     */
    long pump() {
        long total = 0;
        while (true) {
            int n;
            try {
                n = fd.read(buffer, 0, buffer.length);
            } catch (IOException e) {
                throw new UncheckedIOException("Reading FIFO '" + path + "' failed", e);
            }
            if (n <= 0) {
                return total;
            }
            total += n;
            reassembler.feed(buffer, 0, n);
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

    @Override
    public void close() {
        fd.close();
    }
}
