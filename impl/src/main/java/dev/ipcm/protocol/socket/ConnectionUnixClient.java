package dev.ipcm.protocol.socket;

import dev.ipcm.CorruptMessageException;
import dev.ipcm.IpcmException;
import dev.ipcm.Message;
import dev.ipcm.NoSuchPeerException;
import dev.ipcm.PeerGoneException;
import dev.ipcm.os.FileType;
import dev.ipcm.protocol.directory.OnDiskNames;
import dev.ipcm.protocol.directory.PeerOutboxClient;
import dev.ipcm.spi.ConnectRequest;
import java.io.IOException;
import java.net.ConnectException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * A ConnectionUnix client: a cache of stream connections keyed by peer, whichever side opened
 * them ({@link ConnectionSet}); a listening socket (or a marker file); one read selector that
 * wakes receivers.
 *
 * <p>Sending opens a connection when none is cached (connect, then the hello frame). Receiving
 * accepts pending connections, learns each one's peer from its hello, replaces a stale
 * connection to the same peer (its complete frames are kept and delivered first), and reads
 * frames from every connection. A blocking send finishes the bytes already buffered on that
 * connection before its own frame (the reference could interleave them; see
 * docs/protocols/kernel-transports.md, "Decisions on the reference's defects").
 */
final class ConnectionUnixClient extends PeerOutboxClient<StreamConnection> implements ConnectionClient {
    /** Frames larger than this are queued and written from the heap instead of through the send buffer. */
    private static final int MAX_SCRATCH = 1 << 20;

    private final ListenSettings settings;
    private final FrameDecoder decoder;
    /** The route version at which the store was last seen to exist (see {@link #connectionFor}). */
    private long storeCheckedAt = NOT_SEEN;
    private final ConnectionSet connections;
    // One direct buffer for outgoing frames (sends hold the client's lock): one copy, no allocation per message.
    private ByteBuffer sendScratch = ByteBuffer.allocateDirect(8192);

    ConnectionUnixClient(ConnectRequest request) {
        super(request, ConnectionUnixProtocol.CAPABILITIES, OnDiskNames.socketBudget(request.route()), new TreeMap<>());
        this.settings = ListenSettings.of(request);
        this.decoder = new FrameDecoder(serializer(), name(), this::setAside);
        try {
            this.connections = new ConnectionSet(outboxes, io, decoder, endpointPath(), name());
        } catch (IOException e) {
            throw new IpcmException("Cannot open a selector for ConnectionUnix client '" + name() + "': " + e, e);
        }
        try {
            register();
        } catch (RuntimeException e) {
            connections.close();
            throw e;
        }
    }

    // ==== endpoint ===========================================================================

    @Override
    protected boolean isEndpoint(Path path) {
        FileType t = FileType.of(path);
        return t == FileType.SOCKET || t == FileType.REGULAR;
    }

    @Override
    protected void createEndpoint(Path path) throws IOException {
        if (!settings.listening()) {
            Files.createFile(path, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            return;
        }
        ServerSocketChannel ch = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            ch.bind(UnixDomainSocketAddress.of(path), settings.backlog());
        } catch (IOException e) {
            ch.close();
            if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
                throw new FileAlreadyExistsException(path.toString());
            }
            throw e;
        }
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
        connections.listen(ch);
    }

    @Override
    protected String endpointType() {
        return "UNIX Socket or marker file";
    }

    // ==== sending ============================================================================

    /**
     * Sends one frame on the peer's connection. A blocking send whose cached connection fails
     * with nothing else queued on it (the peer left or restarted) tries once more on a fresh one.
     */
    @Override
    protected boolean send(String to, byte[] payload, boolean block) {
        StreamConnection c = connectionFor(to);
        try {
            return sendFrame(c, payload, block);
        } catch (IOException e) {
            boolean nothingElseLost = c.queued() == 0 || (c.queued() == 1 && c.firstQueued().untouched());
            connections.forget(c);
            if (!block || !nothingElseLost) {
                throw writeFailed(to, e, c.queued());
            }
            StreamConnection fresh = connectionFor(to);
            try {
                return sendFrame(fresh, payload, true);
            } catch (IOException e2) {
                connections.forget(fresh);
                throw writeFailed(to, e2, fresh.queued());
            }
        }
    }

    /**
     * Sends one message frame on {@code c} behind what is queued there (which is finished first and
     * counted as sent); with nothing queued it goes straight to the socket.
     *
     * @return whether it went out completely (always when blocking)
     */
    private boolean sendFrame(StreamConnection c, byte[] payload, boolean block) throws IOException {
        StreamConnection.Outgoing mine;
        if (c.hasQueued() || 4L + payload.length > MAX_SCRATCH) {
            mine = c.enqueue(payload, true);
        } else {
            mine = c.writeNow(payload, scratch(4 + payload.length));
            if (mine == null) {
                return true;
            }
        }
        StreamConnection.Outgoing m = mine;
        flush(c, block, o -> o != m);
        return mine.done();
    }

    private ByteBuffer scratch(int size) {
        if (sendScratch.capacity() < size) {
            sendScratch = ByteBuffer.allocateDirect(Math.max(size, Math.min(sendScratch.capacity() * 2, MAX_SCRATCH)));
        }
        return sendScratch;
    }

    /** Writes a connection's queue; completed messages matching {@code counted} count as sent. */
    private int flush(StreamConnection c, boolean block, Predicate<StreamConnection.Outgoing> counted) throws IOException {
        int[] n = {0};
        c.flush(block, o -> {
            if (o.message) {
                n[0]++;
                if (counted.test(o)) {
                    countSent(c.peer);
                }
            }
        });
        return n[0];
    }

    @Override
    protected int flushQueued(String peer, StreamConnection c) {
        try {
            return flush(c, false, o -> true);
        } catch (IOException e) {
            PeerGoneException failure = writeFailed(c.peer, e, c.queued());
            connections.forget(c);
            throw failure;
        }
    }

    private StreamConnection connectionFor(String to) {
        StreamConnection c = outboxes.get(to);
        if (c != null) {
            // A cached connection outlives the store's directory: look whether the store still
            // exists whenever the directory changed (one stat then, none on an unchanged store).
            long version = routeVersion();
            if (version != storeCheckedAt) {
                requireStoreWhileRegistered();
                storeCheckedAt = version;
            }
            return c;
        }
        Path socket = peerEndpoint(to).orElseThrow(() -> noSuchPeer(to));
        if (FileType.of(socket) != FileType.SOCKET) {
            throw new NoSuchPeerException("No active connection to '" + to + "' and the peer is not listening (it "
                    + "connected with listen=false): it can receive only over a connection it opens itself, so wait "
                    + "for it to send first");
        }
        SocketChannel ch;
        try {
            ch = SocketChannel.open(StandardProtocolFamily.UNIX);
        } catch (IOException e) {
            throw new IpcmException("Cannot open a socket to '" + to + "': " + e, e);
        }
        try {
            ch.connect(UnixDomainSocketAddress.of(socket));
            ch.configureBlocking(false);
            c = new StreamConnection(ch, StreamConnection.Role.INITIATOR, to);
            c.enqueue(decoder.hello(), false);
            c.flush(true, o -> { });
            connections.add(to, c);
        } catch (ConnectException e) {
            closeQuietly(ch);
            throw peerGone(to, "refuses connections (connection refused)", e);
        } catch (IOException e) {
            closeQuietly(ch);
            throw peerGone(to, "could not be reached: Cannot connect to '" + socket + "': " + e.getMessage(), e);
        }
        return c;
    }

    private PeerGoneException writeFailed(String to, IOException e, int lost) {
        return peerGone(to, "connection broke: write failed: " + e.getMessage()
                + (lost > 0 ? "; " + lost + " queued message(s) on it were dropped" : ""), e);
    }

    private PeerGoneException peerGone(String to, String why, Exception cause) {
        return new PeerGoneException("Cannot send to '" + to + "': its socket " + why + " (" + holderOf(to) + "). The peer "
                + "died or left; call peerLeft() to clean up after a dead peer", cause);
    }

    private static void closeQuietly(SocketChannel ch) {
        try {
            ch.close();
        } catch (IOException ignored) {
            // The descriptor is released either way.
        }
    }

    // ==== receiving ==========================================================================

    @Override
    protected List<Message> fetch() {
        connections.pumpAll(name());
        List<Message> out = new ArrayList<>();
        for (StreamConnection c : connections.takeDue()) {
            byte[] frame;
            while ((frame = c.frames.poll()) != null) {
                decoder.decodeInto(c, frame, out);
            }
            if (c.eof) {
                if (c.hasPartialInput()) {
                    setAside(new CorruptMessageException("Connection " + decoder.describe(c)
                            + " ended in the middle of a frame; that partial message was dropped"));
                }
                connections.forget(c);
            }
        }
        if (out.isEmpty()) {
            requireStoreWhileRegistered();
        }
        return out;
    }

    @Override
    protected boolean hasReady() {
        connections.pumpAll(name());
        return connections.hasFrames();
    }

    @Override
    protected boolean hasPending() {
        if (hasReady() || connections.hasParked()) {
            return true;
        }
        for (StreamConnection c : outboxes.values()) {
            if (c.hasPartialInput() && !c.eof) {
                return true;
            }
        }
        return false;
    }

    @Override
    protected void waitForActivity(long nanos) {
        connections.await(nanos, this::isDisconnected, name());
    }

    /** The wait selects on the connection set's selector, which a wake-up ends. */
    @Override
    protected void wakeWaiter() {
        connections.wake();
    }

    // ==== connection management ===============================================================

    @Override
    public boolean isListening() {
        return settings.listening();
    }

    @Override
    public boolean hasConnection(String peer) {
        synchronized (io) {
            return outboxes.containsKey(peer);
        }
    }

    @Override
    public List<String> connections() {
        synchronized (io) {
            return List.copyOf(outboxes.keySet());
        }
    }

    @Override
    public boolean disconnectConnection(String peer) {
        synchronized (io) {
            StreamConnection c = outboxes.get(peer);
            if (c == null) {
                return false;
            }
            connections.forget(c);
            return true;
        }
    }

    @Override
    public Optional<Instant> lastActivity(String peer) {
        synchronized (io) {
            StreamConnection c = outboxes.get(peer);
            return c == null ? Optional.empty() : Optional.of(Instant.ofEpochMilli(Math.round(c.lastActive * 1000)));
        }
    }

    @Override
    public int closeIdleConnections(Duration maxIdle) {
        if (maxIdle.isNegative()) {
            throw new IllegalArgumentException("maxIdle must not be negative: maxIdle=" + maxIdle);
        }
        double cutoff = System.currentTimeMillis() / 1000.0 - maxIdle.toMillis() / 1000.0;
        int closed = 0;
        synchronized (io) {
            for (Iterator<StreamConnection> it = outboxes.values().iterator(); it.hasNext(); ) {
                StreamConnection c = it.next();
                if (c.lastActive <= cutoff) {
                    it.remove();
                    connections.dropped(c);
                    closed++;
                }
            }
        }
        return closed;
    }

    @Override
    public boolean peerIsListener(String peer) {
        synchronized (io) {
            return peerEndpoint(peer).map(p -> FileType.of(p) == FileType.SOCKET).orElse(false);
        }
    }

    @Override
    public List<String> listeningPeers() {
        List<String> out = new ArrayList<>();
        for (String p : peers()) {
            if (peerIsListener(p)) {
                out.add(p);
            }
        }
        return out;
    }

    // ==== leaving ============================================================================

    @Override
    protected void closeResources() {
        try {
            connections.close();
        } finally {
            super.closeResources();
        }
    }
}
