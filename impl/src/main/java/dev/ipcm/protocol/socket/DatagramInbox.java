package dev.ipcm.protocol.socket;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Queue;
import org.newsclub.net.unix.AFUNIXDatagramChannel;
import org.newsclub.net.unix.AFUNIXSelectorProvider;
import org.newsclub.net.unix.AFUNIXSocketAddress;

/**
 * A client's own bound AF_UNIX datagram socket (through junixsocket: the JDK has no AF_UNIX
 * datagrams). One datagram is one message. Reads are non-blocking; waiting is a selector with a
 * deadline.
 */
final class DatagramInbox implements AutoCloseable {
    /** IPC::Manager's receive buffer, and so the largest message a Perl reader takes whole. */
    static final int MAX_DATAGRAM = 65_536;

    private final AFUNIXDatagramChannel channel;
    private final Selector selector;
    private final Path path;
    // One byte more than the limit, so a longer datagram shows up as truncated instead of passing as valid.
    private final ByteBuffer buffer = ByteBuffer.allocate(MAX_DATAGRAM + 1);
    private final Queue<byte[]> received = new ArrayDeque<>();

    private DatagramInbox(AFUNIXDatagramChannel channel, Selector selector, Path path) {
        this.channel = channel;
        this.selector = selector;
        this.path = path;
    }

    /** Binds a new socket at {@code path} (which must not exist). */
    static DatagramInbox bind(Path path) throws IOException {
        AFUNIXDatagramChannel ch = AFUNIXDatagramChannel.open();
        try {
            // The client removes its own socket file at disconnect; a close must never remove a successor's.
            ch.setDeleteOnClose(false);
            ch.bind(AFUNIXSocketAddress.of(path));
            ch.configureBlocking(false);
            Selector sel = AFUNIXSelectorProvider.provider().openSelector();
            ch.register(sel, SelectionKey.OP_READ);
            return new DatagramInbox(ch, sel, path);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /**
     * Moves every datagram readable now into the queue.
     *
     * @param oversized told the size of each datagram longer than {@link #MAX_DATAGRAM} (it was truncated and dropped)
     */
    void pump(java.util.function.IntConsumer oversized) {
        try {
            while (true) {
                buffer.clear();
                channel.receive(buffer);
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
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Receiving on socket '" + path + "' failed", e);
        }
    }

    /** The next received payload, or null. */
    byte[] poll() {
        return received.poll();
    }

    /** Whether received payloads wait in memory. */
    boolean hasReceived() {
        return !received.isEmpty();
    }

    /** Waits up to {@code millis} (0: do not wait) for a datagram; returns whether one is readable. */
    boolean await(long millis) {
        try {
            int n = millis <= 0 ? selector.selectNow() : selector.select(millis);
            selector.selectedKeys().clear();
            return n > 0;
        } catch (java.nio.channels.ClosedSelectorException e) {
            return false; // the client disconnected meanwhile; the caller re-checks its state
        } catch (IOException e) {
            throw new UncheckedIOException("Waiting on socket '" + path + "' failed", e);
        }
    }

    @Override
    public void close() {
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
