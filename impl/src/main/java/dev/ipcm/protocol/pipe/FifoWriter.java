package dev.ipcm.protocol.pipe;

import dev.ipcm.os.ErrnoException;
import dev.ipcm.os.Fd;
import dev.ipcm.os.Os;
import dev.ipcm.protocol.directory.Outbox;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * One cached write end of a peer's FIFO, with the messages still queued for it.
 *
 * <p>The FIFO is opened write-only and non-blocking: with no reader the open fails with
 * {@code ENXIO} at once instead of blocking forever, and a write the pipe cannot take whole
 * returns nothing instead of blocking. A blocking send waits with {@code poll(2)}. Each chunk is
 * one {@code write(2)} of at most {@code PIPE_BUF} bytes, so it lands whole or not at all.
 *
 * <p>A message is framed into one reusable direct buffer and its chunks are written from there
 * (no copy per chunk); only the part of a message the pipe refused is copied, into its queue
 * entry. Messages are written strictly in queue order and each message's chunks back to back,
 * so two messages of this writer never interleave on the FIFO.
 *
 * <p>The JDK cannot do this part: it opens a FIFO's write end only blocking (an open that hangs
 * when the reader is gone), has no non-blocking write on a file, and reports no {@code errno}.
 */
final class FifoWriter implements Outbox {
    /** How long one {@code poll(2)} for writability lasts before the loop looks again. */
    private static final long WRITABLE_POLL_MILLIS = 1000;

    private final Path path;
    private final Fd fd;
    /** The FIFO's identity, kept only where the descriptor's link count cannot be read. */
    private final Object fileKey;
    private final Deque<Outgoing> queue = new ArrayDeque<>();
    private ByteBuffer frames = ByteBuffer.allocateDirect(ChunkFraming.PIPE_BUF * 2).order(ChunkFraming.ORDER);

    /** The rest of one message on its way: whole chunks, back to back. */
    static final class Outgoing {
        final String to;
        private final byte[] rest;
        private int offset;

        Outgoing(String to, byte[] rest) {
            this.to = to;
            this.rest = rest;
        }

        boolean done() {
            return offset == rest.length;
        }
    }

    private FifoWriter(Path path, Fd fd, Object fileKey) {
        this.path = path;
        this.fd = fd;
        this.fileKey = fileKey;
    }

    /**
     * Opens the write end of a FIFO.
     *
     * @throws ReaderGoneException when nobody has the FIFO open for reading
     */
    static FifoWriter open(Path fifo) {
        Fd fd;
        try {
            fd = Os.get().open(fifo, Fd.O_WRONLY | Fd.O_NONBLOCK, 0);
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof ErrnoException && ((ErrnoException) e.getCause()).errno() == ErrnoException.ENXIO) {
                throw new ReaderGoneException("no process has it open for reading");
            }
            throw e;
        }
        Object key = null;
        if (fd.linkCount() < 0) {
            try {
                key = fileKey(fifo);
            } catch (IOException e) {
                fd.close();
                throw new UncheckedIOException("stat of FIFO '" + fifo + "' failed", e);
            }
        }
        return new FifoWriter(fifo, fd, key);
    }

    private static Object fileKey(Path fifo) throws IOException {
        try {
            return Files.readAttributes(fifo, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /**
     * Whether the FIFO this writer holds still has its name: false once its reader left (the
     * name is removed on disconnect and by the reaper) or a new client took the name, so
     * nothing more is written into a FIFO nobody will read again. One {@code statx(2)} on the
     * descriptor; where that is missing, a {@code stat} of the path compared with the identity
     * seen at open.
     */
    boolean stillNamed() {
        long links = fd.linkCount();
        if (links >= 0) {
            return links > 0;
        }
        try {
            return Objects.equals(fileKey, fileKey(path));
        } catch (IOException e) {
            return false;
        }
    }

    /** Messages not completely written yet. */
    @Override
    public int queued() {
        return queue.size();
    }

    /**
     * Sends one payload behind the queued messages.
     *
     * @param block wait for room (blocking send) or stop at the first refusal (non-blocking)
     * @param completed told about each earlier queued message whose last chunk went out
     * @return whether this payload went out whole; if not, its unwritten chunks are queued
     * @throws ReaderGoneException when the reader closed the FIFO ({@code EPIPE}); the queue is then
     *     useless and the caller discards this writer
     */
    boolean send(String to, byte[] payload, int pid, int tid, boolean block, Consumer<Outgoing> completed) {
        boolean backlogGone = flush(block, completed);
        int length = ChunkFraming.framedLength(payload.length);
        if (frames.capacity() < length) {
            frames = ByteBuffer.allocateDirect(Math.max(length, frames.capacity() * 2)).order(ChunkFraming.ORDER);
        }
        frames.clear();
        ChunkFraming.frame(payload, pid, tid, frames);
        frames.flip();
        if (backlogGone) {
            writeChunks(block);
            if (!frames.hasRemaining()) {
                return true;
            }
        }
        byte[] rest = new byte[frames.remaining()];
        frames.get(rest);
        queue.add(new Outgoing(to, rest));
        return false;
    }

    /**
     * Writes queued chunks in order.
     *
     * @param block wait for room (blocking send) or stop at the first refusal (non-blocking)
     * @param completed told about each message whose last chunk went out
     * @return whether the queue is now empty
     * @throws ReaderGoneException when the reader closed the FIFO ({@code EPIPE})
     */
    boolean flush(boolean block, Consumer<Outgoing> completed) {
        while (!queue.isEmpty()) {
            Outgoing head = queue.peek();
            while (!head.done()) {
                int len = ByteBuffer.wrap(head.rest).order(ChunkFraming.ORDER).getInt(head.offset + 12) + ChunkFraming.HEADER;
                frames.clear();
                frames.put(head.rest, head.offset, len).flip();
                if (!writeChunk(block)) {
                    return false;
                }
                head.offset += len;
            }
            queue.poll();
            completed.accept(head);
        }
        return true;
    }

    /** Writes the chunks between {@link #frames}' position and limit, each with one write, until one is refused. */
    private void writeChunks(boolean block) {
        int end = frames.limit();
        try {
            while (frames.position() < end) {
                frames.limit(end);
                frames.limit(frames.position() + ChunkFraming.chunkLength(frames, frames.position()));
                if (!writeChunk(block)) {
                    return;
                }
            }
        } finally {
            frames.limit(end);
        }
    }

    /** Writes the one chunk between {@link #frames}' position and limit, whole or not at all. */
    private boolean writeChunk(boolean block) {
        int len = frames.remaining();
        try {
            while (true) {
                int n = fd.write(frames);
                if (n == len) {
                    return true;
                }
                if (n != 0) {
                    // POSIX forbids a partial write of <= PIPE_BUF bytes to a pipe; the stream would be corrupt.
                    throw new IllegalStateException("FIFO '" + path + "' took " + n + " of " + len
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
