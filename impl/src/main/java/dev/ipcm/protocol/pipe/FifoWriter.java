package dev.ipcm.protocol.pipe;

import dev.ipcm.os.ErrnoException;
import dev.ipcm.os.Fd;
import dev.ipcm.os.Os;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;

/**
 * One cached write end of a peer's FIFO, with the messages still queued for it.
 *
 * <p>The FIFO is opened write-only and non-blocking: with no reader the open fails with
 * {@code ENXIO} at once instead of blocking forever, and a write the pipe cannot take whole
 * returns nothing instead of blocking. A blocking send waits with {@code poll(2)}. Each chunk is
 * one {@code write(2)} of at most {@code PIPE_BUF} bytes, so it lands whole or not at all.
 *
 * <p>Messages are written strictly in queue order and each message's chunks back to back,
 * so two messages of this writer never interleave on the FIFO.
 */
final class FifoWriter implements AutoCloseable {
    /** How long one {@code poll(2)} for writability lasts before the loop looks again. */
    private static final long WRITABLE_POLL_MILLIS = 1000;

    private final Path path;
    private final Object fileKey;
    private final Fd fd;
    private final Deque<Outgoing> queue = new ArrayDeque<>();

    /** One message on its way: its chunks and how many are written. */
    static final class Outgoing {
        final String to;
        final List<byte[]> chunks;
        int written;

        Outgoing(String to, List<byte[]> chunks) {
            this.to = to;
            this.chunks = chunks;
        }

        boolean done() {
            return written == chunks.size();
        }
    }

    private FifoWriter(Path path, Object fileKey, Fd fd) {
        this.path = path;
        this.fileKey = fileKey;
        this.fd = fd;
    }

    /**
     * Opens the write end of a FIFO.
     *
     * @param fileKey the FIFO's identity (device and inode) when opened, to notice a replaced FIFO
     * @throws ReaderGoneException when nobody has the FIFO open for reading
     */
    static FifoWriter open(Path fifo, Object fileKey) {
        try {
            return new FifoWriter(fifo, fileKey, Os.get().open(fifo, Fd.O_WRONLY | Fd.O_NONBLOCK, 0));
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof ErrnoException && ((ErrnoException) e.getCause()).errno() == ErrnoException.ENXIO) {
                throw new ReaderGoneException("no process has it open for reading");
            }
            throw e;
        }
    }

    /** The identity of the FIFO this writer was opened on. */
    Object fileKey() {
        return fileKey;
    }

    /** Adds a message behind those already queued. */
    Outgoing enqueue(String to, List<byte[]> chunks) {
        Outgoing o = new Outgoing(to, chunks);
        queue.add(o);
        return o;
    }

    /** Messages not completely written yet. */
    int queued() {
        return queue.size();
    }

    /**
     * Writes queued chunks in order.
     *
     * @param block wait for room (blocking send) or stop at the first refusal (non-blocking)
     * @param completed told about each message whose last chunk went out
     * @return whether the queue is now empty
     * @throws ReaderGoneException when the reader closed the FIFO ({@code EPIPE}); the queue is then
     *     useless and the caller discards this writer
     */
    boolean flush(boolean block, Consumer<Outgoing> completed) {
        while (!queue.isEmpty()) {
            Outgoing head = queue.peek();
            while (!head.done()) {
                if (!writeChunk(head.chunks.get(head.written), block)) {
                    return false;
                }
                head.written++;
            }
            queue.poll();
            completed.accept(head);
        }
        return true;
    }

    private boolean writeChunk(byte[] chunk, boolean block) {
        try {
            while (true) {
                int n = fd.write(chunk, 0, chunk.length);
                if (n == chunk.length) {
                    return true;
                }
                if (n != 0) {
                    // POSIX forbids a partial write of <= PIPE_BUF bytes to a pipe; the stream would be corrupt.
                    throw new IllegalStateException("FIFO '" + path + "' took " + n + " of " + chunk.length
                            + " bytes of one chunk; the system does not keep pipe writes atomic");
                }
                if (!block) {
                    return false;
                }
                fd.awaitWritable(WRITABLE_POLL_MILLIS);
            }
        } catch (ErrnoException e) {
            if (e.errno() == ErrnoException.EPIPE) {
                throw new ReaderGoneException("its reader closed it");
            }
            throw new UncheckedIOException("Writing to FIFO '" + path + "' failed", e);
        } catch (IOException e) {
            throw new UncheckedIOException("Writing to FIFO '" + path + "' failed", e);
        }
    }

    @Override
    public void close() {
        fd.close();
    }

    /** The FIFO has no reader: its owner died or disconnected. */
    static final class ReaderGoneException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ReaderGoneException(String why) {
            super(why);
        }
    }
}
