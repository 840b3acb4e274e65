package dev.ipcm.protocol.socket;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ipcm.ContentException;
import dev.ipcm.CorruptMessageException;
import dev.ipcm.IpcmException;
import dev.ipcm.Message;
import dev.ipcm.NoSuchPeerException;
import dev.ipcm.PeerGoneException;
import dev.ipcm.SendOutcome;
import dev.ipcm.internal.Json;
import dev.ipcm.os.FileType;
import dev.ipcm.protocol.directory.DirectoryClient;
import dev.ipcm.protocol.directory.OnDiskNames;
import dev.ipcm.spi.ConnectRequest;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.net.ConnectException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A ConnectionUnix client: a cache of stream connections keyed by peer, whichever side opened
 * them; a listening socket (or a marker file); one read selector that wakes receivers.
 *
 * <p>Sending opens a connection when none is cached (connect, then the hello frame). Receiving
 * accepts pending connections, learns each one's peer from its hello, replaces a stale
 * connection to the same peer (its complete frames are kept and delivered first), and reads
 * frames from every connection. A blocking send finishes the bytes already buffered on that
 * connection before its own frame (the reference could interleave them, spec 01 §11 #10).
 */
final class ConnectionUnixClient extends DirectoryClient implements ConnectionClient {
    private static final long WAIT_SLICE_MILLIS = 100;
    /** Frames larger than this are queued and written from the heap instead of through the send buffer. */
    private static final int MAX_SCRATCH = 1 << 20;
    private static final Path SOMAXCONN = Path.of("/proc/sys/net/core/somaxconn");

    private final boolean listening;
    private final int backlog;
    private final java.nio.channels.Selector selector;
    private final Map<String, StreamConnection> connections = new TreeMap<>();
    private final List<StreamConnection> parked = new ArrayList<>();
    // Connections with frames to deliver or an end of stream to handle, so a receive looks only at
    // those instead of at every cached connection (idle peers cost nothing per message).
    private final Set<StreamConnection> attention = new LinkedHashSet<>();
    // Threads inside waitForActivity's select; while there are any, the selector is theirs.
    private int selecting;
    // One direct buffer for outgoing frames (sends hold the client's lock): one copy, no allocation per message.
    private ByteBuffer sendScratch = ByteBuffer.allocateDirect(8192);
    private java.nio.channels.ServerSocketChannel server;

    ConnectionUnixClient(ConnectRequest request) {
        super(request, ConnectionUnixProtocol.CAPABILITIES, OnDiskNames.socketBudget(request.route()));
        this.listening = listening(request);
        this.backlog = backlog(request);
        try {
            this.selector = java.nio.channels.Selector.open();
        } catch (IOException e) {
            throw new IpcmException("Cannot open a selector for ConnectionUnix client '" + name() + "': " + e, e);
        }
        try {
            register();
        } catch (RuntimeException e) {
            closeQuietly();
            throw e;
        }
    }

    private static boolean listening(ConnectRequest request) {
        String v = request.param("listen").orElse("1").trim();
        switch (v.toLowerCase(java.util.Locale.ROOT)) {
            case "0":
            case "false":
            case "":
                return false;
            case "1":
            case "true":
                return true;
            default:
                throw new IpcmException("ConnectionUnix parameter 'listen' must be true/1 or false/0, got '" + v + "'");
        }
    }

    private static int backlog(ConnectRequest request) {
        Optional<String> v = request.param("backlog");
        if (v.isPresent()) {
            try {
                int n = Integer.parseInt(v.get().trim());
                if (n > 0) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new IpcmException("ConnectionUnix parameter 'backlog' must be a positive number of pending "
                    + "connections, got '" + v.get() + "'");
        }
        try {
            return Integer.parseInt(Files.readAllLines(SOMAXCONN, StandardCharsets.US_ASCII).get(0).trim());
        } catch (IOException | RuntimeException e) {
            return 4096;
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
        if (!listening) {
            Files.createFile(path, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            return;
        }
        java.nio.channels.ServerSocketChannel ch = java.nio.channels.ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            ch.bind(UnixDomainSocketAddress.of(path), backlog);
        } catch (IOException e) {
            ch.close();
            if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
                throw new FileAlreadyExistsException(path.toString());
            }
            throw e;
        }
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
        ch.configureBlocking(false);
        ch.register(selector, java.nio.channels.SelectionKey.OP_ACCEPT);
        server = ch;
    }

    @Override
    protected String endpointType() {
        return "UNIX Socket or marker file";
    }

    // ==== sending ============================================================================

    @Override
    protected void deliver(Message message) {
        byte[] payload = encode(message);
        String to = message.toOrNull();
        StreamConnection c = connectionFor(to);
        try {
            sendFrame(c, payload, true);
        } catch (IOException e) {
            boolean nothingElseLost = c.queuedMessages() == 0
                    || (c.queuedMessages() == 1 && c.firstQueued().untouched());
            forget(c);
            if (!nothingElseLost) {
                throw writeFailed(to, e, c.queuedMessages());
            }
            // A cached connection to a peer that has since gone (or restarted): open a fresh one once.
            StreamConnection fresh = connectionFor(to);
            try {
                sendFrame(fresh, payload, true);
            } catch (IOException e2) {
                forget(fresh);
                throw writeFailed(to, e2, fresh.queuedMessages());
            }
        }
    }

    @Override
    protected SendOutcome tryDeliver(Message message) {
        byte[] payload = encode(message);
        String to = message.toOrNull();
        StreamConnection c = connectionFor(to);
        try {
            return sendFrame(c, payload, false) ? SendOutcome.DELIVERED : SendOutcome.QUEUED;
        } catch (IOException e) {
            forget(c);
            throw writeFailed(to, e, c.queuedMessages());
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

    private StreamConnection connectionFor(String to) {
        StreamConnection c = connections.get(to);
        if (c != null) {
            return c;
        }
        Path socket = peerEndpoint(to).orElseThrow(() -> noSuchPeer(to));
        if (FileType.of(socket) != FileType.SOCKET) {
            throw new NoSuchPeerException("No active connection to '" + to + "' and the peer is not listening (it "
                    + "connected with listen=false): it can receive only over a connection it opens itself, so wait "
                    + "for it to send first");
        }
        java.nio.channels.SocketChannel ch;
        try {
            ch = java.nio.channels.SocketChannel.open(StandardProtocolFamily.UNIX);
        } catch (IOException e) {
            throw new IpcmException("Cannot open a socket to '" + to + "': " + e, e);
        }
        try {
            ch.connect(UnixDomainSocketAddress.of(socket));
            ch.configureBlocking(false);
            c = new StreamConnection(ch, StreamConnection.Role.INITIATOR, to);
            c.enqueue(serializer().serialize(Json.mapper().createObjectNode().put("hello", name())), false);
            c.flush(true, o -> { });
            c.channel.register(selector, java.nio.channels.SelectionKey.OP_READ, c);
        } catch (ConnectException e) {
            closeQuietly(ch);
            throw peerGone(to, "refuses connections (connection refused)", e);
        } catch (IOException e) {
            closeQuietly(ch);
            throw peerGone(to, "could not be reached: Cannot connect to '" + socket + "': " + e.getMessage(), e);
        }
        connections.put(to, c);
        selector.wakeup();
        return c;
    }

    private PeerGoneException writeFailed(String to, IOException e, int lost) {
        return peerGone(to, "connection broke: write failed: " + e.getMessage()
                + (lost > 0 ? "; " + lost + " queued message(s) on it were dropped" : ""), e);
    }

    private PeerGoneException peerGone(String to, String why, Exception cause) {
        OptionalLong owner = recordedPid(to);
        String who = owner.isPresent()
                ? (isRunning(owner.getAsLong()) ? "pid " + owner.getAsLong() : "pid " + owner.getAsLong() + ", not running")
                : "no pid recorded";
        return new PeerGoneException("Cannot send to '" + to + "': its socket " + why + " (" + who + "). The peer "
                + "died or left; call peerLeft() to clean up after a dead peer", cause);
    }

    private void forget(StreamConnection c) {
        if (c.peer != null && connections.get(c.peer) == c) {
            connections.remove(c.peer);
        }
        parked.remove(c);
        attention.remove(c);
        c.close();
    }

    @Override
    protected int drainQueued() {
        int sent = 0;
        for (StreamConnection c : new ArrayList<>(connections.values())) {
            if (c.queuedMessages() == 0) {
                continue;
            }
            try {
                sent += flush(c, false, o -> true);
            } catch (IOException e) {
                PeerEndpoints.warn(writeFailed(c.peer, e, c.queuedMessages()).getMessage());
                forget(c);
            }
        }
        return sent;
    }

    @Override
    protected int queuedSends(String peer) {
        if (peer != null) {
            StreamConnection c = connections.get(peer);
            return c == null ? 0 : c.queuedMessages();
        }
        int n = 0;
        for (StreamConnection c : connections.values()) {
            n += c.queuedMessages();
        }
        return n;
    }

    // ==== receiving ==========================================================================

    /**
     * Accepts, reads and resolves everything available now, without decoding messages: the
     * connections the selector reports readable, so the cost does not grow with idle connections.
     * While another thread waits in the selector it cannot be asked, and every connection is read.
     */
    private void pumpAll() {
        if (selecting > 0) {
            pumpEverything();
            return;
        }
        try {
            selector.selectNow();
        } catch (java.nio.channels.ClosedSelectorException e) {
            return;
        } catch (IOException e) {
            throw new IpcmException("Polling the connections of '" + name() + "' failed: " + e, e);
        }
        Set<SelectionKey> ready = selector.selectedKeys();
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
        for (StreamConnection c : new ArrayList<>(connections.values())) {
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
            java.nio.channels.SocketChannel ch;
            while ((ch = server.accept()) != null) {
                ch.configureBlocking(false);
                StreamConnection c = new StreamConnection(ch, StreamConnection.Role.ACCEPTOR, null);
                ch.register(selector, java.nio.channels.SelectionKey.OP_READ, c);
                parked.add(c);
                accepted.add(c);
            }
        } catch (IOException e) {
            PeerEndpoints.warn("Accepting connections on '" + endpointPath() + "' failed: " + e);
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
                setAside(new CorruptMessageException("Connection " + describe(c) + " sent an unusable frame ("
                        + e.getMessage() + "); the connection was closed"));
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
        byte[] first = c.frames.poll();
        String id = helloId(first);
        if (id == null) {
            PeerEndpoints.warn("A connection to '" + endpointPath() + "' did not start with a hello frame; closed it");
            forget(c);
            return;
        }
        parked.remove(c);
        c.peer = id;
        StreamConnection old = connections.put(id, c);
        if (old != null && old != c) {
            // Both sides connected at once, or the peer restarted: keep what the old one delivered, then drop it.
            read(old);
            List<byte[]> earlier = new ArrayList<>(old.frames);
            for (int i = earlier.size() - 1; i >= 0; i--) {
                c.frames.addFirst(earlier.get(i));
            }
            if (old.queuedMessages() > 0) {
                PeerEndpoints.warn(old.queuedMessages() + " queued message(s) to '" + id
                        + "' were dropped: the peer opened a new connection that replaces the old one");
            }
            attention.remove(old);
            old.close();
        }
        noteAttention(c);
    }

    private String helloId(byte[] frame) {
        try {
            JsonNode node = serializer().deserialize(frame);
            JsonNode hello = node == null ? null : node.get("hello");
            if (hello != null && hello.isTextual() && !hello.textValue().isEmpty()) {
                return hello.textValue();
            }
        } catch (ContentException e) {
            // not a hello
        }
        return null;
    }

    @Override
    protected List<Message> fetch() {
        pumpAll();
        if (attention.isEmpty()) {
            return List.of();
        }
        StreamConnection[] due = attention.toArray(new StreamConnection[0]);
        attention.clear();
        List<Message> out = new ArrayList<>();
        for (StreamConnection c : due) {
            byte[] frame;
            while ((frame = c.frames.poll()) != null) {
                decodeInto(c, frame, out);
            }
            if (c.eof) {
                if (c.hasPartialInput()) {
                    setAside(new CorruptMessageException("Connection " + describe(c)
                            + " ended in the middle of a frame; that partial message was dropped"));
                }
                forget(c);
            }
        }
        return out;
    }

    private void decodeInto(StreamConnection c, byte[] frame, List<Message> out) {
        try {
            // The streaming decoder takes the common case; a hello, a bad frame or an invalid
            // message fails it and goes the tree way below, which tells them apart.
            out.add(serializer().deserializeMessage(frame));
            return;
        } catch (ContentException e) {
            // not a plain message: see below
        }
        JsonNode node;
        try {
            node = serializer().deserialize(frame);
        } catch (ContentException e) {
            setAside(new CorruptMessageException("Undecodable frame (" + frame.length + " bytes) on connection "
                    + describe(c) + ": " + e.getMessage() + "; it was skipped, the others were delivered", e));
            return;
        }
        if (node == null || !node.isObject() || (node.size() == 1 && node.has("hello"))) {
            return; // a stray hello, or not an object: nothing to deliver (as the reference)
        }
        try {
            out.add(Message.fromJson(node));
        } catch (ContentException e) {
            setAside(new CorruptMessageException("Invalid message on connection " + describe(c) + ": " + e.getMessage(), e));
        }
    }

    private String describe(StreamConnection c) {
        return (c.peer == null ? "(not yet identified)" : "with '" + c.peer + "'") + " to '" + name() + "'";
    }

    @Override
    protected boolean hasReady() {
        pumpAll();
        for (StreamConnection c : attention) {
            if (!c.frames.isEmpty()) {
                return true;
            }
        }
        return false;
    }

    @Override
    protected boolean hasPending() {
        if (hasReady() || !parked.isEmpty()) {
            return true;
        }
        for (StreamConnection c : connections.values()) {
            if (c.hasPartialInput() && !c.eof) {
                return true;
            }
        }
        return false;
    }

    @Override
    protected void waitForActivity(long nanos) {
        long deadline = System.nanoTime() + nanos;
        while (true) {
            synchronized (io) {
                if (isDisconnected()) {
                    return;
                }
                if (!attention.isEmpty()) {
                    return;
                }
            }
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0) {
                return;
            }
            synchronized (io) {
                selecting++;
            }
            try {
                // Readiness stays in the selected set: the receive that follows takes it from there.
                int n = selector.select(Math.min(left, WAIT_SLICE_MILLIS));
                if (n > 0 || !selector.selectedKeys().isEmpty()) {
                    return;
                }
            } catch (java.nio.channels.ClosedSelectorException e) {
                return;
            } catch (IOException e) {
                throw new IpcmException("Waiting for connections of '" + name() + "' failed: " + e, e);
            } finally {
                synchronized (io) {
                    selecting--;
                }
            }
        }
    }

    // ==== connection management ===============================================================

    @Override
    public boolean isListening() {
        return listening;
    }

    @Override
    public boolean hasConnection(String peer) {
        synchronized (io) {
            return connections.containsKey(peer);
        }
    }

    @Override
    public List<String> connections() {
        synchronized (io) {
            return List.copyOf(connections.keySet());
        }
    }

    @Override
    public boolean disconnectConnection(String peer) {
        synchronized (io) {
            StreamConnection c = connections.get(peer);
            if (c == null) {
                return false;
            }
            forget(c);
            return true;
        }
    }

    @Override
    public Optional<Instant> lastActivity(String peer) {
        synchronized (io) {
            StreamConnection c = connections.get(peer);
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
            for (Iterator<StreamConnection> it = connections.values().iterator(); it.hasNext(); ) {
                StreamConnection c = it.next();
                if (c.lastActive <= cutoff) {
                    it.remove();
                    attention.remove(c);
                    c.close();
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
            closeQuietly();
        } finally {
            super.closeResources();
        }
    }

    private void closeQuietly() {
        connections.values().forEach(StreamConnection::close);
        connections.clear();
        parked.forEach(StreamConnection::close);
        parked.clear();
        attention.clear();
        closeQuietly(server);
        try {
            selector.close();
        } catch (IOException ignored) {
            // Only the selector's own descriptor is at stake.
        }
    }

    private static void closeQuietly(java.nio.channels.Channel ch) {
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // The descriptor is released either way.
            }
        }
    }
}
