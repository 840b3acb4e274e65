package dev.ipcm.protocol.socket;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Queue;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import org.newsclub.net.unix.AFUNIXDatagramChannel;
import org.newsclub.net.unix.AFUNIXSelectorProvider;
import org.newsclub.net.unix.AFUNIXSocketAddress;

/**
 * A client's own bound AF_UNIX datagram socket (through junixsocket: the JDK has no AF_UNIX
 * datagrams). One datagram is one message.
 *
 * <p>A reader thread moves datagrams from the kernel into memory as they arrive, up to
 * {@link #READ_AHEAD_BYTES}. Linux queues only {@code net.unix.max_dgram_qlen} datagrams per
 * socket (10 by default), so without it a sender that sends eleven messages before its peer
 * reads would block; past the read-ahead limit the kernel's back-pressure applies again. The
 * queue is guarded by this object's monitor, which is also what receivers wait on.
 */
final class DatagramInbox implements AutoCloseable {
    /** IPC::Manager's receive buffer, and so the largest message a Perl reader takes whole. */
    static final int MAX_DATAGRAM = 65_536;
    /** How much the reader thread takes in ahead of the client; beyond it senders feel back-pressure. */
    static final long READ_AHEAD_BYTES = 8L << 20;

    private final AFUNIXDatagramChannel channel;
    private final Selector selector;
    private final Path path;
    private final IntConsumer oversized;
    // One byte more than the limit, so a longer datagram shows up as truncated instead of passing as valid.
    private final ByteBuffer buffer = ByteBuffer.allocate(MAX_DATAGRAM + 1);
    private final Queue<byte[]> received = new ArrayDeque<>();
    private long receivedBytes;
    private boolean closed;
    private IOException failure;
    private Thread reader;

    private DatagramInbox(AFUNIXDatagramChannel channel, Selector selector, Path path, IntConsumer oversized) {
        this.channel = channel;
        this.selector = selector;
        this.path = path;
        this.oversized = oversized;
    }

    /**
     * Binds a new socket at {@code path} (which must not exist) and starts its reader thread.
     *
     * @param oversized told the size of each datagram longer than {@link #MAX_DATAGRAM} (it was truncated and dropped)
     */
    static DatagramInbox bind(Path path, IntConsumer oversized) throws IOException {
        AFUNIXDatagramChannel ch = AFUNIXDatagramChannel.open();
        try {
            // The client removes its own socket file at disconnect; a close must never remove a successor's.
            ch.setDeleteOnClose(false);
            ch.bind(AFUNIXSocketAddress.of(path));
            ch.configureBlocking(false);
            Selector sel = AFUNIXSelectorProvider.provider().openSelector();
            ch.register(sel, SelectionKey.OP_READ);
            DatagramInbox inbox = new DatagramInbox(ch, sel, path, oversized);
            inbox.reader = new Thread(inbox::readLoop, "ipcm-unixsocket-reader " + path.getFileName());
            inbox.reader.setDaemon(true);
            inbox.reader.start();
            return inbox;
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    private void readLoop() {
        try {
            while (true) {
                synchronized (this) {
                    while (!closed && receivedBytes >= READ_AHEAD_BYTES) {
                        wait();
                    }
                    if (closed) {
                        return;
                    }
                }
                selector.select();
                selector.selectedKeys().clear();
                pump();
            }
        } catch (ClosedSelectorException | InterruptedException e) {
            // closed: the client disconnected
        } catch (IOException | UncheckedIOException e) {
            synchronized (this) {
                if (!closed) {
                    failure = e instanceof IOException ? (IOException) e : ((UncheckedIOException) e).getCause();
                    notifyAll();
                }
            }
        }
    }

    /** Moves every datagram readable now into memory, up to the read-ahead limit. */
    synchronized void pump() throws IOException {
        while (!closed && receivedBytes < READ_AHEAD_BYTES) {
            buffer.clear();
            try {
                channel.receive(buffer);
            } catch (ClosedChannelException e) {
                return;
            }
            int n = buffer.position();
            if (n == 0) {
                // Nothing left, or a zero-length datagram: IPC::Manager stops at either.
                return;
            }
            if (n > MAX_DATAGRAM) {
                oversized.accept(n);
                continue;
            }
            received.add(Arrays.copyOf(buffer.array(), n));
            receivedBytes += n;
            notifyAll();
        }
    }

    /** The next received payload, or null. */
    synchronized byte[] poll() {
        rethrow();
        byte[] p = received.poll();
        if (p != null) {
            boolean wasFull = receivedBytes >= READ_AHEAD_BYTES;
            receivedBytes -= p.length;
            if (wasFull) {
                notifyAll();
            }
        }
        return p;
    }

    /** Whether received payloads wait in memory (after taking what the kernel has now). */
    synchronized boolean hasReceived() {
        rethrow();
        if (received.isEmpty()) {
            try {
                pump();
            } catch (IOException e) {
                throw new UncheckedIOException("Receiving on socket '" + path + "' failed", e);
            }
        }
        return !received.isEmpty();
    }

    /** Waits up to {@code nanos} for a payload in memory; returns whether one is there. */
    synchronized boolean await(long nanos) {
        long deadline = System.nanoTime() + nanos;
        while (received.isEmpty() && !closed && failure == null) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            try {
                TimeUnit.NANOSECONDS.timedWait(this, left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return !received.isEmpty();
            }
        }
        return !received.isEmpty();
    }

    private void rethrow() {
        if (failure != null) {
            throw new UncheckedIOException("Receiving on socket '" + path + "' failed", failure);
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            notifyAll();
        }
        try {
            selector.close();
        } catch (IOException ignored) {
            // Closing the selector only frees its own descriptor.
        }
        try {
            channel.close();
        } catch (IOException ignored) {
            // Nothing more can be done; the descriptor is gone either way.
        }
    }
}
