package dev.ipcm.protocol.socket;

import dev.ipcm.protocol.directory.Outbox;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Consumer;

/**
 * One ConnectionUnix stream connection: its non-blocking channel, the bytes read but not yet cut
 * into frames, complete frames not yet decoded, and frames not yet completely written.
 *
 * <p>Frames are a 4-byte unsigned big-endian length and that many payload bytes. A partly
 * written frame is continued, never restarted, and nothing is written ahead of it, so frames
 * never interleave on the wire.
 */
final class StreamConnection implements Outbox {
    /** The largest frame a Java array can hold; the wire allows up to 2^32-1 bytes. */
    static final long MAX_FRAME = Integer.MAX_VALUE - 8;
    /** How long one writability wait lasts before a blocking write looks again. */
    private static final long WRITABLE_POLL_MILLIS = 1000;

    /** Who opened the connection. */
    enum Role {
        /** This client connected and sent the hello. */
        INITIATOR,
        /** The peer connected; this client accepted. */
        ACCEPTOR
    }

    /** A frame on its way out. */
    static final class Outgoing {
        final ByteBuffer bytes;
        final boolean message;
        private final boolean started;

        Outgoing(ByteBuffer bytes, boolean message) {
            this(bytes, message, false);
        }

        private Outgoing(ByteBuffer bytes, boolean message, boolean started) {
            this.bytes = bytes;
            this.message = message;
            this.started = started;
        }

        boolean done() {
            return !bytes.hasRemaining();
        }

        boolean untouched() {
            return !started && bytes.position() == 0;
        }
    }

    final SocketChannel channel;
    final Role role;
    String peer;
    double lastActive;
    boolean eof;
    final Deque<byte[]> frames = new ArrayDeque<>();
    private ByteBuffer in = ByteBuffer.allocate(1 << 16);
    private final Deque<Outgoing> out = new ArrayDeque<>();
    private Selector writeSelector;

    StreamConnection(SocketChannel channel, Role role, String peer) {
        this.channel = channel;
        this.role = role;
        this.peer = peer;
        touch();
    }

    /** Records activity now. */
    void touch() {
        lastActive = System.currentTimeMillis() / 1000.0;
    }

    /** A frame of {@code payload}. */
    static ByteBuffer frame(byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(4 + payload.length);
        b.putInt(payload.length).put(payload).flip();
        return b;
    }

    /**
     * Reads everything available now and cuts complete frames.
     *
     * @return the number of frames cut
     * @throws CorruptFrameException when a length is beyond what can be held
     */
    int pump() throws IOException {
        int before = frames.size();
        while (!eof) {
            if (!in.hasRemaining()) {
                grow(in.capacity() * 2L);
            }
            int room = in.remaining();
            int n = channel.read(in);
            if (n < 0) {
                eof = true;
            } else if (n == 0) {
                break;
            }
            cut();
            if (n > 0 && n < room) {
                // A short read took all the socket had: asking again would only return 0. What arrives
                // later makes the connection readable again, and the client's selector reports it.
                break;
            }
        }
        int cut = frames.size() - before;
        if (cut > 0) {
            touch();
        }
        return cut;
    }

    private void cut() throws CorruptFrameException {
        in.flip();
        while (in.remaining() >= 4) {
            long len = in.getInt(in.position()) & 0xffffffffL;
            if (len > MAX_FRAME) {
                throw new CorruptFrameException("a frame announces " + len + " bytes, more than " + MAX_FRAME);
            }
            if (in.remaining() < 4 + len) {
                // The buffer grows only as bytes arrive (pump doubles it when full), never to what a
                // header announces: a header claiming 2 GB followed by nothing costs nothing.
                break;
            }
            in.position(in.position() + 4);
            byte[] payload = new byte[(int) len];
            in.get(payload);
            frames.add(payload);
        }
        in.compact();
    }

    private void grow(long atLeast) {
        ByteBuffer bigger = ByteBuffer.allocate((int) Math.min(Math.max(atLeast, in.capacity() * 2L), MAX_FRAME + 4));
        in.flip();
        bigger.put(in);
        in = bigger;
    }

    /** The bytes the input buffer holds room for (tests check it follows what arrived, not what was announced). */
    int inputCapacity() {
        return in.capacity();
    }

    /** Whether a frame is partly read. */
    boolean hasPartialInput() {
        return in.position() > 0;
    }

    /** Whether frames wait to be written (or finished). */
    boolean hasQueued() {
        return !out.isEmpty();
    }

    /** The first frame not completely written, or null. */
    Outgoing firstQueued() {
        return out.peek();
    }

    /**
     * Writes a message frame at once when nothing is queued ahead of it, through {@code scratch}
     * (a direct buffer, so the bytes are copied once and nothing is allocated per message).
     *
     * @param scratch a direct buffer with room for the whole frame
     * @return null when the whole frame went out; else what is left of it, now queued (continue with {@link #flush})
     */
    Outgoing writeNow(byte[] payload, ByteBuffer scratch) throws IOException {
        if (!out.isEmpty()) {
            throw new IllegalStateException("frames are queued ahead");
        }
        scratch.clear();
        scratch.putInt(payload.length).put(payload).flip();
        channel.write(scratch);
        if (!scratch.hasRemaining()) {
            touch();
            return null;
        }
        // The socket is full: keep the rest exactly where it stopped, so nothing is ever written ahead of it.
        ByteBuffer rest = ByteBuffer.allocate(scratch.remaining());
        rest.put(scratch).flip();
        Outgoing o = new Outgoing(rest, true, scratch.position() > 0);
        out.add(o);
        return o;
    }

    /** Adds a frame behind those not yet written. */
    Outgoing enqueue(byte[] payload, boolean message) {
        Outgoing o = new Outgoing(frame(payload), message);
        out.add(o);
        return o;
    }

    /**
     * Moves the messages not begun yet to the end of {@code successor}'s queue, in order; a message
     * partly written stays here (it goes with this connection).
     */
    void handOverUnsent(StreamConnection successor) {
        for (java.util.Iterator<Outgoing> it = out.iterator(); it.hasNext(); ) {
            Outgoing o = it.next();
            if (o.message && o.untouched()) {
                successor.out.add(o);
                it.remove();
            }
        }
    }

    /** Messages (not hellos) not completely written. */
    @Override
    public int queued() {
        int n = 0;
        for (Outgoing o : out) {
            if (o.message) {
                n++;
            }
        }
        return n;
    }

    /**
     * Writes queued frames in order.
     *
     * @param block wait for the peer to read (blocking send) or stop when the socket is full
     * @param completed told each frame that went out completely
     * @return whether everything is written
     */
    boolean flush(boolean block, Consumer<Outgoing> completed) throws IOException {
        while (!out.isEmpty()) {
            Outgoing head = out.peek();
            channel.write(head.bytes);
            if (!head.done()) {
                if (!block) {
                    return false;
                }
                awaitWritable();
                continue;
            }
            out.poll();
            touch();
            completed.accept(head);
        }
        return true;
    }

    private void awaitWritable() throws IOException {
        if (writeSelector == null) {
            // A selector of its own: the client's read selector is waited on by other threads.
            writeSelector = Selector.open();
            channel.register(writeSelector, SelectionKey.OP_WRITE);
        }
        writeSelector.select(WRITABLE_POLL_MILLIS);
        writeSelector.selectedKeys().clear();
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // The descriptor is released either way.
        }
        if (writeSelector != null) {
            try {
                writeSelector.close();
            } catch (IOException ignored) {
                // Only its own descriptor is at stake.
            }
        }
    }

    /** A stream that cannot be cut into frames any more. */
    static final class CorruptFrameException extends IOException {
        private static final long serialVersionUID = 1L;

        CorruptFrameException(String message) {
            super(message);
        }
    }
}
