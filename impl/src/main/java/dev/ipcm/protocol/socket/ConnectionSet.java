package dev.ipcm.protocol.socket;

import dev.ipcm.IpcmException;
import java.io.IOException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The connections of one ConnectionUnix client and how incoming bytes reach them: the listening
 * socket, one read selector over it and every connection, connections accepted but not yet
 * identified by their hello (parked), and the connections with frames to deliver or an end to
 * handle (attention), so a receive looks only at those and idle peers cost nothing per message.
 *
 * <p>Guarded by the client's lock, except the selector's wait in {@link #await}, which runs
 * outside it; while a thread waits there the selector is its own, and a receive reads every
 * connection instead of asking the selector.
 */
final class ConnectionSet implements AutoCloseable {
    /** Longest single select: bytes another thread of the client moved into memory do not wake it. */
    private static final long WAIT_SLICE_MILLIS = 100;

    private final Map<String, StreamConnection> byPeer;
    private final Object lock;
    private final FrameDecoder decoder;
    private final Path endpoint;
    private final String selfName;
    // Threads inside await's select; while there are any, the selector is theirs.
    private int selecting;
    /** A {@link #wake()} that no {@link #await} has returned on yet; volatile, as a waker holds no lock. */
    private volatile boolean wakeRequested;
    private final Selector selector;
    private ServerSocketChannel server;
    private final List<StreamConnection> parked = new ArrayList<>();
    private final Set<StreamConnection> attention = new LinkedHashSet<>();
    /** Connections a peer opened while ours to it was kept: read until their end, never written. */
    private final Set<StreamConnection> crossed = new LinkedHashSet<>();

    /**
     * @param byPeer the client's cache of connections by peer, whichever side opened them
     * @param lock the client's lock, which guards all of this but the selector's wait
     * @param endpoint the client's socket, for warnings
     * @param selfName the client's name, which decides which of two crossing connections both ends keep
     */
    ConnectionSet(Map<String, StreamConnection> byPeer, Object lock, FrameDecoder decoder, Path endpoint, String selfName)
            throws IOException {
        this.byPeer = byPeer;
        this.lock = lock;
        this.decoder = decoder;
        this.endpoint = endpoint;
        this.selfName = selfName;
        this.selector = Selector.open();
    }

    /** Accepts connections on a bound listening socket from now on. */
    void listen(ServerSocketChannel channel) throws IOException {
        channel.configureBlocking(false);
        channel.register(selector, SelectionKey.OP_ACCEPT);
        server = channel;
    }

    /** Caches a connection this client opened (its hello already sent) and reads from it. */
    void add(String peer, StreamConnection c) throws IOException {
        c.channel.register(selector, SelectionKey.OP_READ, c);
        byPeer.put(peer, c);
        selector.wakeup();
    }

    /** Closes a connection and forgets it wherever it is kept. */
    void forget(StreamConnection c) {
        if (c.peer != null && byPeer.get(c.peer) == c) {
            byPeer.remove(c.peer);
        }
        parked.remove(c);
        crossed.remove(c);
        attention.remove(c);
        c.close();
    }

    /** Forgets a connection the caller already took out of the cache (and closes it). */
    void dropped(StreamConnection c) {
        attention.remove(c);
        c.close();
    }

    /** Whether accepted connections still wait for their hello. */
    boolean hasParked() {
        return !parked.isEmpty();
    }

    /** Whether a connection has complete frames not yet taken. */
    boolean hasFrames() {
        for (StreamConnection c : attention) {
            if (!c.frames.isEmpty()) {
                return true;
            }
        }
        return false;
    }

    /** The connections with frames to deliver or an end to handle, taken (the set is emptied). */
    StreamConnection[] takeDue() {
        if (attention.isEmpty()) {
            return new StreamConnection[0];
        }
        StreamConnection[] due = attention.toArray(new StreamConnection[0]);
        attention.clear();
        return due;
    }

    /**
     * Accepts, reads and resolves everything available now, without decoding messages: the
     * connections the selector reports readable, so the cost does not grow with idle connections.
     * While another thread waits in the selector it cannot be asked, and every connection is read.
     */
    void pumpAll(String clientName) {
        if (selecting > 0) {
            pumpEverything();
            return;
        }
        Set<SelectionKey> ready;
        try {
            ready = selector.selectedKeys();
            // A wait that just ended left what woke it here: read that, and ask the kernel (one
            // epoll_wait) only when nothing is known; what else became readable meanwhile is read
            // by the next receive, which finds this set empty again.
            if (ready.isEmpty()) {
                selector.selectNow();
            }
        } catch (ClosedSelectorException e) {
            return;
        } catch (IOException e) {
            throw new IpcmException("Polling the connections of '" + clientName + "' failed: " + e, e);
        }
        if (ready.isEmpty()) {
            return;
        }
        SelectionKey[] keys = ready.toArray(new SelectionKey[0]);
        ready.clear();
        for (SelectionKey k : keys) {
            Object c = k.attachment();
            if (c == null) {
                acceptPending();
            } else if (k.isValid()) {
                pumpOne((StreamConnection) c);
            }
        }
    }

    /** The fallback: accept, then read every parked and cached connection. */
    private void pumpEverything() {
        acceptPending();
        for (StreamConnection c : new ArrayList<>(parked)) {
            pumpOne(c);
        }
        for (StreamConnection c : new ArrayList<>(byPeer.values())) {
            read(c);
        }
        for (StreamConnection c : new ArrayList<>(crossed)) {
            read(c);
        }
    }

    /** Reads one connection; a parked one is resolved by its hello (or dropped at its end). */
    private void pumpOne(StreamConnection c) {
        read(c);
        if (c.peer == null && parked.contains(c)) {
            if (!c.frames.isEmpty()) {
                resolve(c);
            } else if (c.eof) {
                forget(c);
            }
        }
    }

    /** Accepts every pending connection and reads what each brought already (its hello, usually). */
    private void acceptPending() {
        if (server == null) {
            return;
        }
        List<StreamConnection> accepted = new ArrayList<>();
        try {
            SocketChannel ch;
            while ((ch = server.accept()) != null) {
                ch.configureBlocking(false);
                StreamConnection c = new StreamConnection(ch, StreamConnection.Role.ACCEPTOR, null);
                ch.register(selector, SelectionKey.OP_READ, c);
                parked.add(c);
                accepted.add(c);
            }
        } catch (IOException e) {
            PeerEndpoints.warn("Accepting connections on '" + endpoint + "' failed: " + e);
        }
        for (StreamConnection c : accepted) {
            pumpOne(c);
        }
    }

    private void read(StreamConnection c) {
        try {
            c.pump();
        } catch (IOException e) {
            // A reset or an unparseable stream: keep the frames already cut, treat the rest as end of stream.
            if (e instanceof StreamConnection.CorruptFrameException) {
                decoder.report("Connection " + decoder.describe(c) + " sent an unusable frame (" + e.getMessage()
                        + "); the connection was closed");
            }
            c.eof = true;
        }
        noteAttention(c);
    }

    /** Remembers a resolved connection that has frames to deliver or its end to handle. */
    private void noteAttention(StreamConnection c) {
        if (c.peer != null && (!c.frames.isEmpty() || c.eof)) {
            attention.add(c);
        }
    }

    /** Learns a parked connection's peer from its hello, replacing any stale connection to that peer. */
    private void resolve(StreamConnection c) {
        String id = decoder.helloId(c.frames.poll());
        if (id == null) {
            PeerEndpoints.warn("A connection to '" + endpoint + "' did not start with a hello frame; closed it");
            forget(c);
            return;
        }
        parked.remove(c);
        c.peer = id;
        StreamConnection old = byPeer.get(id);
        if (old != null && old != c) {
            read(old);
            boolean crossing = old.role == StreamConnection.Role.INITIATOR && !old.eof;
            if (crossing && selfName.compareTo(id) < 0) {
                // Both sides connected at once. Both ends keep the connection the smaller name
                // opened, here ours; the peer writes on it from now on and sends nothing more on its
                // own, which is read until its end and never written.
                crossed.add(c);
                noteAttention(c);
                return;
            }
            // The peer's connection replaces ours: it crossed ours and the peer's name is the
            // smaller one (the peer keeps it too), or the peer restarted. Keep what the old one
            // delivered; what waited to be written on it goes out on the kept one, in order.
            List<byte[]> earlier = new ArrayList<>(old.frames);
            for (int i = earlier.size() - 1; i >= 0; i--) {
                c.frames.addFirst(earlier.get(i));
            }
            if (crossing) {
                old.handOverUnsent(c);
            }
            if (old.queued() > 0) {
                PeerEndpoints.warn(old.queued() + " queued message(s) to '" + id
                        + "' were dropped: the peer opened a new connection that replaces the old one");
            }
            dropped(old);
        }
        byPeer.put(id, c);
        noteAttention(c);
    }

    /**
     * Waits until the selector reports something, a connection already has something to
     * deliver, {@code stop} says so (checked under the client's lock), or {@code nanos} pass.
     * Readiness stays in the selected set: the receive that follows takes it from there.
     */
    void await(long nanos, BooleanSupplier stop, String clientName) {
        long deadline = System.nanoTime() + nanos;
        while (true) {
            if (wakeRequested) {
                wakeRequested = false;
                return;
            }
            synchronized (lock) {
                if (stop.getAsBoolean() || !attention.isEmpty()) {
                    return;
                }
            }
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0) {
                return;
            }
            synchronized (lock) {
                selecting++;
            }
            try {
                int n = selector.select(Math.min(left, WAIT_SLICE_MILLIS));
                if (n > 0 || !selector.selectedKeys().isEmpty()) {
                    return;
                }
            } catch (ClosedSelectorException e) {
                return;
            } catch (IOException e) {
                throw new IpcmException("Waiting for connections of '" + clientName + "' failed: " + e, e);
            } finally {
                synchronized (lock) {
                    selecting--;
                }
            }
        }
    }

    /**
     * Makes the {@link #await} in progress return now, or the next one return at once: the flag
     * is seen at the top of its loop, and a selector's wake-up ends the select in progress or the
     * next one (on a closed selector it does nothing).
     */
    void wake() {
        wakeRequested = true;
        selector.wakeup();
    }

    /** Closes every connection, the listening socket and the selector. */
    @Override
    public void close() {
        byPeer.values().forEach(StreamConnection::close);
        byPeer.clear();
        parked.forEach(StreamConnection::close);
        parked.clear();
        crossed.forEach(StreamConnection::close);
        crossed.clear();
        attention.clear();
        closeQuietly(server);
        closeQuietly(selector);
    }

    private static void closeQuietly(java.io.Closeable descriptor) {
        if (descriptor != null) {
            try {
                descriptor.close();
            } catch (IOException ignored) {
                // Only its own descriptor is at stake, and it is released either way.
            }
        }
    }
}
