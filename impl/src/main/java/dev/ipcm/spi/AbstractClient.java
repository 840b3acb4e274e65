package dev.ipcm.spi;

import dev.ipcm.BroadcastResult;
import dev.ipcm.Capabilities;
import dev.ipcm.Client;
import dev.ipcm.ClientClosedException;
import dev.ipcm.ConnectionInfo;
import dev.ipcm.ContentException;
import dev.ipcm.CorruptMessageException;
import dev.ipcm.Message;
import dev.ipcm.MessageTooLargeException;
import dev.ipcm.NoSuchPeerException;
import dev.ipcm.NotSupportedException;
import dev.ipcm.SendOutcome;
import dev.ipcm.Stats;
import dev.ipcm.os.Os;
import dev.ipcm.serial.Serializer;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;
import org.apiguardian.api.API;

/**
 * The shared half of every client: it implements the whole {@link Client} contract on top of
 * the protected hooks, through which a protocol supplies the transport. A protocol calls
 * {@link #connected()} once it has registered.
 *
 * <p>This class holds what a plugin author meets: the hooks, the helpers for protocols and the
 * contract. The machinery behind the contract lives in package-private classes of one job each
 * (sending and broadcast, receiving, peers and their changes, leaving by disconnect or suspend,
 * waiting with deadlines), as JUnit keeps a test node apart from the task that runs it.
 *
 * <p>Hooks are called with the client's I/O lock held, except the two waits
 * ({@link #waitForActivity(long)}, {@link #waitForPeerActivity(long)}), so a protocol's hooks
 * need no locking of their own.
 */
@API(status = API.Status.STABLE, since = "0.1")
public abstract class AbstractClient implements Client {
    /** Guards every hook call; waits happen outside it. */
    protected final Object io = new Object();

    private final String name;
    private final ConnectionInfo info;
    private final Serializer serializer;
    private final Capabilities capabilities;
    private final long pid;
    private final Stats stats;
    private final Sending sending = new Sending(this);
    private final Receiving receiving = new Receiving(this);
    private final Acknowledging acknowledging = new Acknowledging(this);
    private final RequeuedMessages requeued = new RequeuedMessages();
    private final CorruptMessages corrupt = new CorruptMessages();
    private final Peers peers = new Peers(this);
    private final Leaving leaving = new Leaving(this);
    private volatile boolean disconnected;

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
        if (request.reconnect()) {
            LocalClients.refuseReconnectOfOpen(info.route(), name, pid);
        }
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

    /** Where a client runs, when the store recorded it; empty (the default): this host or unknown. */
    protected Optional<dev.ipcm.PeerHost> recordedHost(String peer) {
        return Optional.empty();
    }

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
        Waiting.pollForActivity(this, nanos);
    }

    /**
     * Makes a {@link #waitForActivity(long)} in progress on another thread (or else the next one)
     * return now. Called without the I/O lock, from any thread, only for a protocol that declares
     * {@link dev.ipcm.Capability#INTERRUPTIBLE_WAIT}, which must override it.
     */
    protected void wakeWaiter() {
        throw new IllegalStateException(getClass().getName() + " declares INTERRUPTIBLE_WAIT without overriding wakeWaiter");
    }

    /** Blocks until a peer may have arrived or left, or {@code nanos} pass; the default re-checks every 50 ms. */
    protected void waitForPeerActivity(long nanos) {
        Waiting.pauseForPeers(nanos);
    }

    /**
     * At-least-once: the messages stored for this client now, read without taking them. Protocols
     * that declare {@link dev.ipcm.Capability#KEEPS_MAIL} override it with {@link #deleteStored}.
     */
    protected List<Message> peekStored() {
        throw new IllegalStateException(getClass().getName() + " declares KEEPS_MAIL without overriding peekStored");
    }

    /** At-least-once: deletes these messages (returned by {@link #peekStored}) from the store; gone ones are ignored. */
    protected void deleteStored(List<Message> messages) {
        throw new IllegalStateException(getClass().getName() + " declares KEEPS_MAIL without overriding deleteStored");
    }

    /** Keeps requeued messages for the next receive; file stores override this with their resume file. */
    protected void storeRequeued(List<Message> messages) {
        requeued.store(messages);
    }

    /** Takes the requeued messages back (they are not counted again). */
    protected List<Message> takeRequeued() {
        return requeued.take();
    }

    /** Whether requeued messages wait. */
    protected boolean hasRequeued() {
        return !requeued.isEmpty();
    }

    // ==== helpers for protocols ==============================================================

    /** Call once the client is registered in the store: starts peer tracking and exit clean-up. */
    protected final void connected() {
        peers.start();
        LocalClients.add(this);
    }

    /** Counts a message that left through a later drain. */
    protected final void countSent(String to) {
        stats.countSent(to, 1);
    }

    /** Reports a stored message that could not be decoded and was set aside. */
    protected final void setAside(CorruptMessageException e) {
        corrupt.setAside(e);
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

    /** The store's serializer. */
    public final Serializer serializer() {
        return serializer;
    }

    @Override
    public final Capabilities capabilities() {
        return capabilities;
    }

    @Override
    public Message send(String peer, Object content) {
        return send(sending.to(peer, content));
    }

    @Override
    public Message send(Message message) {
        return sending.send(message);
    }

    @Override
    public SendOutcome trySend(String peer, Object content) {
        return sending.trySend(peer, content);
    }

    @Override
    public Map<String, BroadcastResult> broadcast(Object content) {
        return sending.broadcast(content);
    }

    @Override
    public int drainPending() {
        return sending.drain();
    }

    @Override
    public int pendingSends() {
        return sending.queued(null);
    }

    @Override
    public int pendingSendsTo(String peer) {
        return sending.queued(peer);
    }

    @Override
    public boolean isSendBlocking() {
        return sending.isBlocking();
    }

    @Override
    public void setSendBlocking(boolean blocking) {
        sending.setBlocking(blocking);
    }

    @Override
    public List<Message> receive() {
        checkOpen();
        return receiving.takeNow();
    }

    @Override
    public List<Message> awaitMessages(Duration timeout) {
        return receiving.await(timeout);
    }

    @Override
    public boolean wakeUp() {
        return receiving.wakeUp();
    }

    @Override
    public boolean hasReadyMessages() {
        return receiving.hasReady();
    }

    @Override
    public boolean hasPendingMessages() {
        return receiving.hasPending();
    }

    @Override
    public List<Message> receiveUnacknowledged() {
        return acknowledging.takeNow();
    }

    @Override
    public List<Message> awaitUnacknowledged(Duration timeout) {
        return acknowledging.await(timeout);
    }

    @Override
    public void acknowledge(java.util.Collection<String> ids) {
        acknowledging.acknowledge(ids);
    }

    @Override
    public void requeue(List<Message> messages) {
        receiving.requeue(messages);
    }

    @Override
    public List<CorruptMessageException> takeCorruptMessages() {
        return corrupt.take();
    }

    @Override
    public List<String> peers() {
        return peers.list();
    }

    @Override
    public boolean peerExists(String peer) {
        return peers.exists(peer);
    }

    @Override
    public OptionalLong peerPid(String peer) {
        return peers.pid(peer);
    }

    @Override
    public Optional<dev.ipcm.PeerHost> peerHost(String peer) {
        return peers.host(peer);
    }

    @Override
    public boolean peerActive(String peer) {
        return peers.runs(peerPid(peer));
    }

    @Override
    public boolean awaitPeerActive(String peer, Duration timeout) {
        return peers.awaitActive(peer, timeout);
    }

    @Override
    public Optional<BigDecimal> peerSuspendExpires(String peer) {
        return peers.suspendExpires(peer);
    }

    @Override
    public int peerLeft() {
        return peers.reapDead();
    }

    @Override
    public Map<String, Integer> awaitPeerChange(Duration timeout) {
        return peers.awaitChange(timeout);
    }

    @Override
    public void suspend() {
        leaving.suspend(null);
    }

    @Override
    public void suspend(Instant expiresAt) {
        leaving.suspend(Leaving.deadline(expiresAt));
    }

    @Override
    public void disconnect(Consumer<List<Message>> handler) {
        leaving.disconnect(handler);
    }

    @Override
    public boolean isDisconnected() {
        return disconnected;
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

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + name + " @ " + info.route() + "]";
    }

    // ==== for the machinery of this package ===================================================

    /** The live counts (what {@link #stats()} gives, whatever a subclass makes of that). */
    final Stats counts() {
        return stats;
    }

    /** Whether the client has disconnected or suspended. */
    final boolean isClosed() {
        return disconnected;
    }

    /** Marks the client disconnected or suspended; from here every use but a disconnect throws. */
    final void markClosed() {
        disconnected = true;
    }

    /** One batch of what is available now, whether the client is open or draining at disconnect. */
    final List<Message> receiveNow() {
        return receiving.takeNow();
    }
}
