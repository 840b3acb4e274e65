package dev.ipcm;

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
 * One named participant on a store: it sends, broadcasts and receives messages, sees its peers,
 * and can suspend and come back. Every protocol implements this same contract.
 *
 * <p>A client is bound to the process that connected it and is thread-safe. {@link #close()}
 * disconnects it; a client still open when the JVM exits normally is disconnected by a
 * shutdown hook, so Perl peers see an orderly departure.
 */
@API(status = API.Status.STABLE, since = "0.1")
public interface Client extends AutoCloseable {

    // ---- identity ------------------------------------------------------------------------

    /** The client's name, unique on its store. */
    String name();

    /** The pid registered for this client (this JVM's). */
    long pid();

    /** The store's connection info. */
    ConnectionInfo info();

    /** What this client's protocol can do. */
    Capabilities capabilities();

    // ---- sending -------------------------------------------------------------------------

    /**
     * Sends {@code content} to {@code peer}; returns once the bytes are committed to the store
     * or transport (not once the peer has read them). Sending to oneself is allowed.
     *
     * @param content a {@link com.fasterxml.jackson.databind.JsonNode} or any value Jackson can map
     * @return the message as sent
     * @throws NoSuchPeerException when {@code peer} is not registered
     * @throws MessageTooLargeException when the protocol cannot carry a message this large
     * @throws ContentException when the content cannot be turned into JSON or is null
     */
    Message send(String peer, Object content);

    /**
     * Sends a message built by the caller (extra fields are carried on the wire); its
     * {@code from} must be this client and its {@code to} a registered peer.
     */
    Message send(Message message);

    /**
     * Sends without blocking (the outbox's send). Back-pressure is an outcome, not an exception:
     * the message is then queued for that peer and goes out on {@link #drainPending()}. Every
     * mistake still throws, as {@link #send(String, Object)} does; this is <em>not</em> the
     * reference's {@code try_message}, which is {@link #tryMessage(String, Object)}.
     *
     * @throws NoSuchPeerException when {@code peer} is not registered
     */
    SendOutcome trySend(String peer, Object content);

    /**
     * Sends as {@link #send(String, Object)} does, but never throws: the reference's
     * {@code try_message}. Any failure (an unknown peer, content that is no JSON, a message too
     * large, a closed client) comes back in the {@link SendAttempt}, and nothing was sent.
     * It blocks as {@code send} does; for a send that never blocks, see {@link #trySend}.
     */
    @API(status = API.Status.EXPERIMENTAL, since = "0.1")
    default SendAttempt tryMessage(String peer, Object content) {
        try {
            return SendAttempt.sent(send(peer, content));
        } catch (RuntimeException e) {
            return SendAttempt.failed(e);
        }
    }

    /** {@link #tryMessage(String, Object)} for a message built by the caller: never throws. */
    @API(status = API.Status.EXPERIMENTAL, since = "0.1")
    default SendAttempt tryMessage(Message message) {
        try {
            return SendAttempt.sent(send(message));
        } catch (RuntimeException e) {
            return SendAttempt.failed(e);
        }
    }

    /**
     * Sends a copy (fresh id, {@code broadcast: 1}) to every live peer. A failing peer does not
     * stop the others.
     *
     * @return per peer, whether its copy went out and why not
     */
    Map<String, BroadcastResult> broadcast(Object content);

    /** Sends queued non-blocking sends that the transport now accepts; returns how many went out. */
    int drainPending();

    /** Messages queued by non-blocking sends, all peers together. */
    int pendingSends();

    /** Messages queued for one peer. */
    int pendingSendsTo(String peer);

    /** Whether sends block until committed (the default) or behave like {@link #trySend}. */
    boolean isSendBlocking();

    /** Switches between blocking and non-blocking sends; protocols without back-pressure ignore it. */
    void setSendBlocking(boolean blocking);

    // ---- receiving -----------------------------------------------------------------------

    /** Takes every message available now (possibly none), ordered by stamp then stamp ordinal. */
    List<Message> receive();

    /**
     * Waits until at least one message is available or {@code timeout} passes, then takes what
     * is available. Blocks on the protocol's own wake-up; never spins.
     *
     * @return the messages, empty when the timeout passed first
     */
    List<Message> awaitMessages(Duration timeout);

    /**
     * Makes the {@link #awaitMessages(Duration)} another thread is in return now, with what has
     * arrived (possibly nothing); when no wait is in progress, the next one returns at once. Lets
     * one thread wait for messages and for other events at the same time: whoever has the other
     * event wakes it. Nothing is lost: a message that arrives meanwhile is taken by that wait or
     * the next.
     *
     * @return whether the wait could be woken: its protocol declares
     *     {@link Capability#INTERRUPTIBLE_WAIT}; false changes nothing, and a wait ends at a
     *     message or its deadline
     */
    @API(status = API.Status.EXPERIMENTAL, since = "0.1")
    default boolean wakeUp() {
        return false;
    }

    /** Whether {@link #receive()} would return something now. */
    boolean hasReadyMessages();

    /** Whether something is on its way but not complete yet (an in-flight file, a partial frame). */
    boolean hasPendingMessages();

    /** Puts messages back so the next receive returns them again, without counting them twice. */
    void requeue(List<Message> messages);

    // ---- at-least-once receiving (opt-in; docs/delivery.md) ------------------------------------

    /**
     * At-least-once receive: returns the messages waiting now that this client has not received
     * yet, but leaves them stored until {@link #acknowledge} deletes them, so a crash before the
     * acknowledgement delivers them again to the client that reconnects under this name (use
     * {@link Message#id()} to recognise a redelivery). Needs {@link Capability#KEEPS_MAIL}.
     *
     * @throws NotSupportedException on a protocol without {@link Capability#KEEPS_MAIL}
     */
    @API(status = API.Status.EXPERIMENTAL, since = "0.2")
    default List<Message> receiveUnacknowledged() {
        throw keepsNoMail();
    }

    /**
     * Waits until {@link #receiveUnacknowledged()} has something or {@code timeout} passes.
     *
     * @return the messages, empty when the timeout passed first
     * @throws NotSupportedException on a protocol without {@link Capability#KEEPS_MAIL}
     */
    @API(status = API.Status.EXPERIMENTAL, since = "0.2")
    default List<Message> awaitUnacknowledged(Duration timeout) {
        throw keepsNoMail();
    }

    /**
     * Deletes from the store the messages with these ids that {@link #receiveUnacknowledged()}
     * returned; ids not returned by it, or already acknowledged, are ignored.
     *
     * @throws NotSupportedException on a protocol without {@link Capability#KEEPS_MAIL}
     */
    @API(status = API.Status.EXPERIMENTAL, since = "0.2")
    default void acknowledge(java.util.Collection<String> ids) {
        throw keepsNoMail();
    }

    private static NotSupportedException keepsNoMail() {
        return new NotSupportedException("This client's protocol does not declare KEEPS_MAIL: it cannot keep a message "
                + "stored until it is acknowledged; use receive() instead (at most once across a crash, docs/delivery.md)");
    }

    /**
     * Stored messages that could not be decoded since the last call. Each was set aside (never
     * silently dropped) and the other messages were still delivered.
     */
    List<CorruptMessageException> takeCorruptMessages();

    // ---- peers ---------------------------------------------------------------------------

    /** The other clients registered and not known to be dead, suspended ones included, sorted. */
    List<String> peers();

    /** Whether a client is registered (connected or suspended). */
    boolean peerExists(String peer);

    /** The pid recorded for a peer, which may belong to a dead process; empty when none. */
    OptionalLong peerPid(String peer);

    /**
     * Whether a peer is connected now: its recorded pid runs here, or, on a server store, the
     * token of its session is held on the server, whatever host it runs on.
     */
    boolean peerActive(String peer);

    /**
     * Where a peer runs, when its store recorded it (server stores, for Java peers); empty means
     * this host or unknown, as for every peer of a store on one machine. A pid from a host that is
     * not {@link PeerHost#local() local} names no process here: never signal or watch it.
     */
    default java.util.Optional<PeerHost> peerHost(String peer) {
        return java.util.Optional.empty();
    }

    /**
     * Waits until a peer is active or the timeout passes.
     *
     * @return whether the peer is active
     * @throws IllegalArgumentException when {@code timeout} is negative
     */
    boolean awaitPeerActive(String peer, Duration timeout);

    /**
     * Waits, with no deadline, until a peer is active: the reference's {@code peer_active(peer, 0)}.
     * Meant for production code that must not go on without the peer; a test should give a
     * deadline with {@link #awaitPeerActive(String, Duration)}. The wait ends early only by an
     * interrupt or by this client being closed (then its {@link ClientClosedException}).
     *
     * @throws InterruptedException when the waiting thread is interrupted; the interrupt is consumed
     */
    @API(status = API.Status.EXPERIMENTAL, since = "0.1")
    default void awaitPeerActive(String peer) throws InterruptedException {
        // Slices of a bounded wait, so an interrupt is seen within one of them.
        Duration slice = Duration.ofMillis(100);
        while (!awaitPeerActive(peer, slice)) {
            if (Thread.interrupted()) {
                throw new InterruptedException("interrupted while waiting for peer '" + peer + "' to be active");
            }
            if (isDisconnected()) {
                throw new ClientClosedException("Client '" + name() + "' was closed while waiting for peer '" + peer
                        + "' to be active; connect again to wait on");
            }
        }
    }

    /** A suspended peer's deadline in epoch seconds, if it gave one. */
    Optional<BigDecimal> peerSuspendExpires(String peer);

    /** Removes the store entries (and undelivered mail) of every other client whose pid is dead. */
    int peerLeft();

    /**
     * Waits until the peer set differs from the one this method last saw (the first call compares
     * with the set at connect time) or the timeout passes.
     *
     * @return peer name to {@code +1} (arrived) or {@code -1} (left); empty when nothing changed
     */
    Map<String, Integer> awaitPeerChange(Duration timeout);

    // ---- life cycle ----------------------------------------------------------------------

    /** Suspends with no deadline: the name stays registered and mail keeps arriving for a later reconnect. */
    void suspend();

    /** Suspends until {@code expiresAt}; services treat the peer as gone after it. */
    void suspend(Instant expiresAt);

    /**
     * Leaves the store. Messages still waiting are dropped if they are terminate messages, else
     * handed to {@code handler}; without a handler they make this throw
     * {@link MessagesWaitingException} (after the client has fully disconnected).
     */
    void disconnect(Consumer<List<Message>> handler);

    /** {@link #disconnect(Consumer)} without a handler. */
    default void disconnect() {
        disconnect(null);
    }

    /** Whether the client has disconnected or suspended. */
    boolean isDisconnected();

    /** Same as {@link #disconnect()}; a no-op when already disconnected. */
    @Override
    default void close() {
        disconnect();
    }

    // ---- stats ---------------------------------------------------------------------------

    /** This client's live counts. */
    Stats stats();

    /** Every client's persisted counts, keyed by name. */
    Map<String, Stats> allStats();

    /** Persists the live counts now. */
    void writeStats();
}
