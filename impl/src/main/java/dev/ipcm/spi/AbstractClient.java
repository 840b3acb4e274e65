package dev.ipcm.spi;

import dev.ipcm.BroadcastResult;
import dev.ipcm.Capabilities;
import dev.ipcm.Capability;
import dev.ipcm.Client;
import dev.ipcm.ClientClosedException;
import dev.ipcm.ConnectionInfo;
import dev.ipcm.ContentException;
import dev.ipcm.CorruptMessageException;
import dev.ipcm.IpcmException;
import dev.ipcm.Message;
import dev.ipcm.MessageTooLargeException;
import dev.ipcm.MessagesWaitingException;
import dev.ipcm.NoSuchPeerException;
import dev.ipcm.NotSupportedException;
import dev.ipcm.SendOutcome;
import dev.ipcm.Stats;
import dev.ipcm.internal.Stamps;
import dev.ipcm.os.Os;
import dev.ipcm.serial.Serializer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.apiguardian.api.API;

/**
 * The shared half of every client: message building, stats, broadcast, the disconnect drain,
 * suspend, waiting with deadlines, peer-change detection. A protocol supplies the transport
 * through the protected hooks and calls {@link #connected()} once it has registered.
 *
 * <p>Hooks are called with the client's I/O lock held, except the two waits
 * ({@link #waitForActivity(long)}, {@link #waitForPeerActivity(long)}), so a protocol's hooks
 * need no locking of their own.
 */
@API(status = API.Status.STABLE, since = "0.1")
public abstract class AbstractClient implements Client {
    private static final long DISCONNECT_DRAIN_NANOS = TimeUnit.SECONDS.toNanos(30);
    private static final long PEER_RECHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    private static final long MAX_BACKOFF_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    /** Guards every hook call; waits happen outside it. */
    protected final Object io = new Object();

    private final String name;
    private final ConnectionInfo info;
    private final Serializer serializer;
    private final Capabilities capabilities;
    private final long pid;
    private final Stats stats;
    private final List<Message> requeued = new ArrayList<>();
    private final ConcurrentLinkedQueue<CorruptMessageException> corrupt = new ConcurrentLinkedQueue<>();
    private volatile boolean disconnected;
    private volatile boolean sendBlocking = true;
    private Set<String> lastPeers;

    /**
     * Starts a client; the protocol registers it afterwards and then calls {@link #connected()}.
     *
     * @param request the connect request
     * @param capabilities the protocol's capabilities
     * @param initialStats fresh counts, or the persisted ones on reconnect
     */
    protected AbstractClient(ConnectRequest request, Capabilities capabilities, Stats initialStats) {
        this.name = ClientNames.validate(request.name(), capabilities.maxNameLength());
        this.info = request.info();
        this.serializer = request.serializer();
        this.capabilities = capabilities;
        this.pid = Os.get().pid();
        this.stats = initialStats == null ? new Stats() : initialStats;
    }

    // ==== hooks ===============================================================================

    /** Writes one message to its recipient, blocking until committed. */
    protected abstract void deliver(Message message);

    /** Writes without blocking; the default is a blocking {@link #deliver}. */
    protected SendOutcome tryDeliver(Message message) {
        deliver(message);
        return SendOutcome.DELIVERED;
    }

    /** Sends queued messages the transport now accepts; call {@link #countSent} for each. */
    protected int drainQueued() {
        return 0;
    }

    /** Queued messages for a peer, or for all peers when {@code peer} is null. */
    protected int queuedSends(String peer) {
        return 0;
    }

    /** Applies the blocking flag to the transport. */
    protected void applySendBlocking(boolean blocking) {}

    /** Takes every message available now, in any order; report undecodable ones with {@link #setAside}. */
    protected abstract List<Message> fetch();

    /** Whether {@link #fetch()} would return something now. */
    protected abstract boolean hasReady();

    /** Whether something is in flight but not yet complete. */
    protected boolean hasPending() {
        return false;
    }

    /** The other live or suspended clients, excluding this one, sorted. */
    protected abstract List<String> listPeers();

    /** Whether a client is registered. */
    protected abstract boolean isRegistered(String peer);

    /** The pid recorded for a client, if any. */
    protected abstract OptionalLong recordedPid(String peer);

    /** A suspended client's deadline, if any. */
    protected Optional<BigDecimal> recordedSuspendDeadline(String peer) {
        return Optional.empty();
    }

    /** Removes every other client whose pid is dead, with its mail; returns how many. */
    protected abstract int reapDeadPeers();

    /** First step of disconnect: make this client unreachable for new messages. */
    protected abstract void unregister();

    /** Last step of disconnect, after the drain: remove what is left of this client in the store. */
    protected abstract void finishDisconnect();

    /** Records a suspension (and its deadline, or null). Only called when the protocol declares SUSPEND. */
    protected void markSuspended(BigDecimal expiresAt) {
        throw new NotSupportedException("suspend is not supported by the " + info.protocol() + " protocol");
    }

    /** Persists this client's counts. */
    protected abstract void persistStats(Stats stats);

    /** Every client's persisted counts. */
    protected abstract Map<String, Stats> loadAllStats();

    /** Releases handles, watchers and threads after disconnect or suspend. */
    protected void closeResources() {}

    /**
     * Blocks until a message may have arrived or {@code nanos} pass. The default polls
     * {@link #hasReady()} with a back-off bounded at 20 ms, for stores nothing can notify.
     */
    protected void waitForActivity(long nanos) {
        long deadline = System.nanoTime() + nanos;
        long pause = TimeUnit.MICROSECONDS.toNanos(500);
        while (true) {
            synchronized (io) {
                if (disconnected || hasReady()) {
                    return;
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            LockSupport.parkNanos(Math.min(pause, left));
            pause = Math.min(pause * 2, MAX_BACKOFF_NANOS);
        }
    }

    /** Blocks until a peer may have arrived or left, or {@code nanos} pass; the default re-checks every 50 ms. */
    protected void waitForPeerActivity(long nanos) {
        LockSupport.parkNanos(Math.min(nanos, PEER_RECHECK_NANOS));
    }

    /** Keeps requeued messages for the next receive; file stores override this with their resume file. */
    protected void storeRequeued(List<Message> messages) {
        requeued.addAll(messages);
    }

    /** Takes the requeued messages back (they are not counted again). */
    protected List<Message> takeRequeued() {
        if (requeued.isEmpty()) {
            return List.of();
        }
        List<Message> out = new ArrayList<>(requeued);
        requeued.clear();
        return out;
    }

    /** Whether requeued messages wait. */
    protected boolean hasRequeued() {
        return !requeued.isEmpty();
    }

    // ==== helpers for protocols ==============================================================

    /** Call once the client is registered in the store: starts peer tracking and exit clean-up. */
    protected final void connected() {
        synchronized (io) {
            lastPeers = new TreeSet<>(listPeers());
        }
        LocalClients.add(this);
    }

    /** Counts a message that left through a later drain. */
    protected final void countSent(String to) {
        stats.countSent(to, 1);
    }

    /** Reports a stored message that could not be decoded and was set aside. */
    protected final void setAside(CorruptMessageException e) {
        corrupt.add(e);
        System.getLogger("dev.ipcm").log(System.Logger.Level.WARNING, e.getMessage());
    }

    /** The serialized wire form of a message, checked against the protocol's size limit. */
    protected final byte[] encode(Message message) {
        byte[] bytes = serializer.serializeMessage(message);
        checkSize(bytes.length, message);
        return bytes;
    }

    /** Refuses a payload over the protocol's limit. */
    protected final void checkSize(long size, Message message) {
        long max = capabilities.maxMessageBytes();
        if (size > max) {
            throw new MessageTooLargeException("Message to '" + message.toOrNull() + "' is " + size
                    + " bytes serialized; the " + info.protocol() + " protocol carries at most " + max
                    + " bytes; split the content or use a protocol without this limit (nothing was sent)");
        }
    }

    /** A received wire object as a message, or a {@link ContentException} saying why not. */
    protected final Message decode(byte[] bytes) {
        return serializer.deserializeMessage(bytes);
    }

    /** Whether a pid names a running process (kill(pid, 0) semantics). */
    protected static boolean isRunning(long pid) {
        return pid > 0 && Os.get().isRunning(pid);
    }

    /** The error for a message to a peer that is not registered. */
    protected final NoSuchPeerException noSuchPeer(String peer) {
        return new NoSuchPeerException("Client '" + peer + "' does not exist on this " + info.protocol()
                + " store: it never connected or has disconnected; check peers() or wait for it");
    }

    // ==== the contract ========================================================================

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final long pid() {
        return pid;
    }

    @Override
    public final ConnectionInfo info() {
        return info;
    }

    @Override
    public final Serializer serializer() {
        return serializer;
    }

    @Override
    public final Capabilities capabilities() {
        return capabilities;
    }

    @Override
    public Message send(String peer, Object content) {
        return send(Message.builder(name).to(requirePeer(peer)).content(content).build());
    }

    @Override
    public Message send(Message message) {
        checkOpen();
        if (!name.equals(message.from())) {
            throw new ContentException("Message 'from' is '" + message.from() + "' but this client is '" + name
                    + "'; build it with Message.builder(client.name())");
        }
        String to = requirePeer(message.toOrNull());
        synchronized (io) {
            if (!sendBlocking) {
                tryDeliverCounted(message);
                return message;
            }
            deliver(message);
            stats.countSent(to, 1);
        }
        return message;
    }

    @Override
    public SendOutcome trySend(String peer, Object content) {
        checkOpen();
        Message message = Message.builder(name).to(requirePeer(peer)).content(content).build();
        synchronized (io) {
            return tryDeliverCounted(message);
        }
    }

    private SendOutcome tryDeliverCounted(Message message) {
        SendOutcome outcome = tryDeliver(message);
        if (outcome == SendOutcome.DELIVERED) {
            stats.countSent(message.toOrNull(), 1);
        }
        return outcome;
    }

    @Override
    public Map<String, BroadcastResult> broadcast(Object content) {
        checkOpen();
        Message template = Message.builder(name).broadcast(true).content(content).build();
        Map<String, BroadcastResult> results = new TreeMap<>();
        for (String peer : peers()) {
            try {
                send(template.copyTo(peer, true));
                results.put(peer, BroadcastResult.ok());
            } catch (IpcmException | IllegalStateException e) {
                results.put(peer, BroadcastResult.failed(e.getMessage()));
            }
        }
        return results;
    }

    @Override
    public int drainPending() {
        synchronized (io) {
            return drainQueued();
        }
    }

    @Override
    public int pendingSends() {
        synchronized (io) {
            return queuedSends(null);
        }
    }

    @Override
    public int pendingSendsTo(String peer) {
        synchronized (io) {
            return queuedSends(peer);
        }
    }

    @Override
    public boolean isSendBlocking() {
        return sendBlocking;
    }

    @Override
    public void setSendBlocking(boolean blocking) {
        synchronized (io) {
            if (blocking != sendBlocking && capabilities.has(Capability.NON_BLOCKING_SEND)) {
                sendBlocking = blocking;
                applySendBlocking(blocking);
            }
        }
    }

    @Override
    public List<Message> receive() {
        checkOpen();
        return receiveNow();
    }

    private List<Message> receiveNow() {
        List<Message> out;
        synchronized (io) {
            List<Message> requeuedNow = takeRequeued();
            List<Message> fetched = fetch();
            out = new ArrayList<>(requeuedNow.size() + fetched.size());
            out.addAll(requeuedNow);
            // A stream from one sender counts as one map lookup per run, not one per message.
            String runFrom = null;
            long run = 0;
            for (Message m : fetched) {
                if (m.stampOrd().isEmpty()) {
                    m = m.withStampOrd(Stamps.ordinalFor(m.stamp()));
                }
                if (!m.from().equals(runFrom)) {
                    if (run > 0) {
                        stats.countRead(runFrom, run);
                    }
                    runFrom = m.from();
                    run = 0;
                }
                run++;
                out.add(m);
            }
            if (run > 0) {
                stats.countRead(runFrom, run);
            }
        }
        if (!inOrder(out)) {
            out.sort(Message.ORDER);
        }
        return out;
    }

    /** Whether a batch is already in receive order, as one sender's stream usually is: then no sort (and no TimSort work array). */
    private static boolean inOrder(List<Message> batch) {
        for (int i = 1, n = batch.size(); i < n; i++) {
            if (Message.ORDER.compare(batch.get(i - 1), batch.get(i)) > 0) {
                return false;
            }
        }
        return true;
    }

    @Override
    public List<Message> awaitMessages(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<Message> got = receive();
            if (!got.isEmpty()) {
                return got;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return got;
            }
            waitForActivity(left);
        }
    }

    @Override
    public boolean hasReadyMessages() {
        checkOpen();
        synchronized (io) {
            return hasRequeued() || hasReady();
        }
    }

    @Override
    public boolean hasPendingMessages() {
        checkOpen();
        synchronized (io) {
            return hasPending();
        }
    }

    @Override
    public void requeue(List<Message> messages) {
        checkOpen();
        synchronized (io) {
            storeRequeued(List.copyOf(messages));
        }
    }

    @Override
    public List<CorruptMessageException> takeCorruptMessages() {
        List<CorruptMessageException> out = new ArrayList<>();
        CorruptMessageException e;
        while ((e = corrupt.poll()) != null) {
            out.add(e);
        }
        return out;
    }

    @Override
    public List<String> peers() {
        synchronized (io) {
            return List.copyOf(listPeers());
        }
    }

    @Override
    public boolean peerExists(String peer) {
        if (peer == null || peer.isEmpty()) {
            throw new NoSuchPeerException("'peer_id' is required: pass a client name");
        }
        synchronized (io) {
            return isRegistered(peer);
        }
    }

    @Override
    public OptionalLong peerPid(String peer) {
        synchronized (io) {
            return recordedPid(peer);
        }
    }

    @Override
    public boolean peerActive(String peer) {
        OptionalLong p = peerPid(peer);
        return p.isPresent() && isRunning(p.getAsLong());
    }

    @Override
    public boolean awaitPeerActive(String peer, Duration timeout) {
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must not be negative: timeout=" + timeout);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (peerActive(peer)) {
                return true;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            waitForPeerActivity(Math.min(left, PEER_RECHECK_NANOS));
        }
    }

    @Override
    public Optional<BigDecimal> peerSuspendExpires(String peer) {
        if (peer == null || peer.isEmpty()) {
            return Optional.empty();
        }
        synchronized (io) {
            return recordedSuspendDeadline(peer);
        }
    }

    @Override
    public int peerLeft() {
        synchronized (io) {
            return reapDeadPeers();
        }
    }

    @Override
    public Map<String, Integer> awaitPeerChange(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Map<String, Integer> delta = peerDelta();
            if (!delta.isEmpty()) {
                return delta;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return delta;
            }
            waitForPeerActivity(Math.min(left, PEER_RECHECK_NANOS));
        }
    }

    private Map<String, Integer> peerDelta() {
        Set<String> now = new TreeSet<>(peers());
        Map<String, Integer> delta = new TreeMap<>();
        synchronized (io) {
            Set<String> before = lastPeers == null ? Set.of() : lastPeers;
            for (String p : now) {
                if (!before.contains(p)) {
                    delta.put(p, 1);
                }
            }
            for (String p : before) {
                if (!now.contains(p)) {
                    delta.put(p, -1);
                }
            }
            lastPeers = now;
        }
        return Collections.unmodifiableMap(delta);
    }

    @Override
    public void suspend() {
        suspendAt(null);
    }

    @Override
    public void suspend(Instant expiresAt) {
        BigDecimal when = BigDecimal.valueOf(expiresAt.getEpochSecond())
                .add(BigDecimal.valueOf(expiresAt.getNano(), 9)).setScale(6, RoundingMode.HALF_UP);
        suspendAt(when);
    }

    private void suspendAt(BigDecimal expiresAt) {
        if (!capabilities.has(Capability.SUSPEND)) {
            throw new NotSupportedException("suspend is not supported by the " + info.protocol()
                    + " protocol: its mailbox lives in this process and would be lost; disconnect instead, "
                    + "or use a protocol with the SUSPEND capability (MessageFiles, JSONFile, the databases)");
        }
        checkOpen();
        synchronized (io) {
            markSuspended(expiresAt);
            disconnected = true;
            persistStats(stats);
            closeResources();
        }
        LocalClients.remove(this);
    }

    @Override
    public void disconnect() {
        disconnect(null);
    }

    @Override
    public void disconnect(Consumer<List<Message>> handler) {
        List<Message> waiting = new ArrayList<>();
        synchronized (io) {
            if (disconnected) {
                return;
            }
            unregister();
        }
        long deadline = System.nanoTime() + DISCONNECT_DRAIN_NANOS;
        while (true) {
            boolean pending;
            boolean ready;
            synchronized (io) {
                pending = hasPending();
                ready = hasRequeued() || hasReady();
            }
            if (!pending && !ready) {
                break;
            }
            List<Message> received = receiveNow();
            List<Message> got = new ArrayList<>(received);
            got.removeIf(Message::isTerminate);
            if (!got.isEmpty()) {
                if (handler != null) {
                    handler.accept(got);
                } else {
                    got.forEach(m -> stats.countRead(m.from(), -1));
                    waiting.addAll(got);
                    break;
                }
            } else if (pending && received.isEmpty()) {
                // Only wait when nothing came: "pending" was taken before this receive, and a client
                // that just took its terminate message would otherwise wait for activity that never comes.
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                waitForActivity(Math.min(left, TimeUnit.SECONDS.toNanos(1)));
            }
            if (System.nanoTime() > deadline) {
                break;
            }
        }
        synchronized (io) {
            disconnected = true;
            try {
                finishDisconnect();
                persistStats(stats);
            } finally {
                closeResources();
            }
        }
        LocalClients.remove(this);
        if (!waiting.isEmpty()) {
            throw new MessagesWaitingException(name, waiting);
        }
    }

    @Override
    public boolean isDisconnected() {
        return disconnected;
    }

    @Override
    public void close() {
        disconnect();
    }

    @Override
    public Stats stats() {
        return stats;
    }

    @Override
    public Map<String, Stats> allStats() {
        synchronized (io) {
            return loadAllStats();
        }
    }

    @Override
    public void writeStats() {
        synchronized (io) {
            persistStats(stats);
        }
    }

    /** Throws when the client has disconnected or suspended. */
    protected final void checkOpen() {
        if (disconnected) {
            throw new ClientClosedException("Client '" + name + "' has disconnected or suspended; connect again "
                    + "(or reconnect after a suspend) to use the name");
        }
    }

    private String requirePeer(String peer) {
        if (peer == null || peer.isEmpty()) {
            throw new NoSuchPeerException("No peer specified: a message needs a recipient name");
        }
        return peer;
    }

    /** The clients this JVM has open on one store (used by a store's shutdown). */
    @API(status = API.Status.INTERNAL, since = "0.1")
    public static List<Client> openClients(String route) {
        return LocalClients.forRoute(route);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + name + " @ " + info.route() + "]";
    }
}
