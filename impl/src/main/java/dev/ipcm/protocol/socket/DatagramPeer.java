package dev.ipcm.protocol.socket;

import dev.ipcm.protocol.directory.Outbox;
import java.io.IOException;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import org.newsclub.net.unix.AFUNIXDatagramChannel;
import org.newsclub.net.unix.AFUNIXSocketAddress;
import org.newsclub.net.unix.ConnectionRefusedSocketException;

/**
 * An unbound datagram socket connected to one peer's socket, cached by the sender, with the
 * payloads still queued for that peer by non-blocking sends. The kernel keeps datagrams whole:
 * a send takes the whole payload or nothing.
 */
final class DatagramPeer implements Outbox {
    private final AFUNIXDatagramChannel channel;
    private final Path path;
    private final Object fileKey;
    private final Deque<byte[]> queue = new ArrayDeque<>();
    private boolean blocking;
    /** The route directory's version when this peer's socket was last looked up (see DirectoryClient.routeVersion). */
    long seenAt;

    private DatagramPeer(AFUNIXDatagramChannel channel, Path path, Object fileKey) {
        this.channel = channel;
        this.path = path;
        this.fileKey = fileKey;
    }

    /**
     * Connects to a peer's socket.
     *
     * @throws PeerRefusedException when nothing is bound there any more (its owner died)
     */
    static DatagramPeer connect(Path path, Object fileKey) throws IOException {
        AFUNIXDatagramChannel ch = AFUNIXDatagramChannel.open();
        try {
            ch.connect(AFUNIXSocketAddress.of(path));
            ch.configureBlocking(false);
            return new DatagramPeer(ch, path, fileKey);
        } catch (ConnectionRefusedSocketException e) {
            ch.close();
            throw new PeerRefusedException(e);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /** The identity of the socket file this was connected to. */
    Object fileKey() {
        return fileKey;
    }

    /** Adds a payload behind those already queued. */
    void enqueue(byte[] payload) {
        queue.add(payload);
    }

    /** Payloads not sent yet. */
    @Override
    public int queued() {
        return queue.size();
    }

    /**
     * Sends one payload when nothing is queued ahead of it, without queueing it.
     *
     * @param block wait for room in the receiver's queue, or give up at once
     * @return whether it was sent; false only when not blocking and the receiver's queue is full
     * @throws PeerRefusedException when the receiver's socket is closed
     */
    boolean sendNow(byte[] payload, boolean block) throws IOException {
        assert queue.isEmpty();
        setBlocking(block);
        int n;
        try {
            n = channel.write(ByteBuffer.wrap(payload));
        } catch (ConnectionRefusedSocketException e) {
            throw new PeerRefusedException(e);
        }
        return n > 0 || payload.length == 0;
    }

    /**
     * Sends queued payloads in order.
     *
     * @param block wait for room in the receiver's queue, or stop at the first refusal
     * @param sent told each payload that went out
     * @return whether the queue is now empty
     * @throws PeerRefusedException when the receiver's socket is closed
     */
    boolean flush(boolean block, java.util.function.Consumer<byte[]> sent) throws IOException {
        setBlocking(block);
        while (!queue.isEmpty()) {
            int n;
            try {
                n = channel.write(ByteBuffer.wrap(queue.peek()));
            } catch (ConnectionRefusedSocketException e) {
                throw new PeerRefusedException(e);
            }
            if (n == 0 && queue.peek().length > 0) {
                return false;
            }
            sent.accept(queue.poll());
        }
        return true;
    }

    private void setBlocking(boolean value) throws IOException {
        if (value != blocking) {
            channel.configureBlocking(value);
            blocking = value;
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // The descriptor is released either way.
        }
    }

    @Override
    public String toString() {
        return "DatagramPeer[" + path + "]";
    }

    /** The peer's socket refuses: nothing is bound to it any more. */
    static final class PeerRefusedException extends SocketException {
        private static final long serialVersionUID = 1L;

        PeerRefusedException(Throwable cause) {
            super("connection refused");
            initCause(cause);
        }
    }
}
