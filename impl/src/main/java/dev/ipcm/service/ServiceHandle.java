package dev.ipcm.service;

import dev.ipcm.Client;
import dev.ipcm.Ipcm;
import dev.ipcm.IpcmException;
import dev.ipcm.Message;
import dev.ipcm.MessagesWaitingException;
import dev.ipcm.PeerGoneException;
import dev.ipcm.Store;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apiguardian.api.API;

/**
 * What a caller that is not itself a service holds to talk to a service: its own client on the
 * service's bus plus request/response helpers. Messages that are not responses are buffered for
 * {@link #messages()}.
 *
 * <p>A handle returned by {@code Services.start(...)} owns what was started for it: closing it
 * disconnects the handle's client, then shuts down the store it created (which terminates the
 * service), then reaps the service's process (killing it if it outlives the shutdown). A handle
 * built on a caller-supplied info string owns nothing; closing it only disconnects.
 *
 * <p>One handle is meant for one thread at a time; use a handle per calling thread.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class ServiceHandle implements AutoCloseable {
    /** The default poll granularity while awaiting responses. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofMillis(200);
    private static final long REAP_WAIT_MILLIS = 10_000;

    private final String serviceName;
    private final String info;
    private final String name;
    private final Duration interval;
    private final Requests requests = new Requests();
    private final List<Message> buffer = new ArrayList<>();
    private volatile Client client;
    private volatile long childPid;
    private volatile Store ownedStore;
    private volatile Process ownedProcess;
    private volatile Thread ownedThread;
    private volatile boolean closed;

    private ServiceHandle(Builder b) {
        this.serviceName = b.serviceName;
        this.info = b.info;
        this.name = b.name != null ? b.name : UUID.randomUUID().toString();
        this.interval = b.interval != null ? b.interval : DEFAULT_INTERVAL;
        this.client = b.client;
    }

    /**
     * Starts building a handle to {@code serviceName} on the store {@code info} describes. Nothing
     * is connected until the handle is used.
     */
    public static Builder builder(String serviceName, String info) {
        return new Builder(serviceName, info);
    }

    /**
     * Sends one request to a service and waits for its response: a throw-away handle for
     * command-line tools and scripts. A response with an error is returned, not thrown
     * ({@link Response#isError()}).
     *
     * @throws RequestTimeoutException when no response came within {@code timeout}
     * @throws PeerGoneException when the service went away first
     * @throws dev.ipcm.NoSuchPeerException when no service of that name is registered
     */
    public static Response request(String info, String serviceName, Object request, Duration timeout) {
        try (ServiceHandle h = builder(serviceName, info).name("ipcm-request-" + UUID.randomUUID()).build()) {
            return h.syncRequest(serviceName, request, timeout);
        }
    }

    // ==== identity ============================================================================

    /** The service this handle talks to. */
    public String serviceName() {
        return serviceName;
    }

    /** The store's info string. */
    public String info() {
        return info;
    }

    /** The handle's own client name. */
    public String name() {
        return name;
    }

    /** The poll granularity while awaiting responses. */
    public Duration interval() {
        return interval;
    }

    /** The handle's client, connected on first use. */
    public synchronized Client client() {
        if (closed) {
            throw new ServiceConfigException("Handle '" + name + "' to service '" + serviceName + "' is closed");
        }
        Client c = client;
        if (c == null) {
            c = Ipcm.connect(name, info);
            client = c;
        }
        return c;
    }

    /** The store this handle created and shuts down on close, if any. */
    public Optional<Store> store() {
        return Optional.ofNullable(ownedStore);
    }

    /** The service process this handle launched, if any (the first one, for relaunched services). */
    public Optional<Process> process() {
        return Optional.ofNullable(ownedProcess);
    }

    /** The thread running the service, for services started in a thread. */
    Optional<Thread> thread() {
        return Optional.ofNullable(ownedThread);
    }

    // ==== readiness and pids ====================================================================

    /** Whether the service is registered with a running pid now (one check). */
    public boolean ready() {
        return client().peerActive(serviceName);
    }

    /** Waits until the service is registered with a running pid, or the timeout passes. */
    public boolean ready(Duration timeout) {
        return client().awaitPeerActive(serviceName, timeout);
    }

    /** The pid the bus has registered for the service now (the process running its loop). */
    public OptionalLong servicePid() {
        return client().peerPid(serviceName);
    }

    /** The pid of the process launched for the service; empty for handles not made by a launch. */
    public OptionalLong childPid() {
        long p = childPid;
        return p > 0 ? OptionalLong.of(p) : OptionalLong.empty();
    }

    void setChildPid(long pid) {
        this.childPid = pid;
    }

    void own(Store store, Process process, Thread thread) {
        this.ownedStore = store;
        this.ownedProcess = process;
        this.ownedThread = thread;
    }

    // ==== requests ==============================================================================

    /** Sends a request to {@code peer} (normally {@link #serviceName()}); returns its id. */
    public String sendRequest(String peer, Object request) {
        return requests.send(client(), peer, request, null);
    }

    /** Sends a request whose response is handed to {@code callback} during a later poll. */
    public String sendRequest(String peer, Object request, ResponseCallback callback) {
        if (callback == null) {
            throw new ServiceConfigException("callback must not be null; use sendRequest(peer, request) without one");
        }
        return requests.send(client(), peer, request, callback);
    }

    /** The response to a plain request, once, if it has arrived (no waiting). */
    public Optional<Response> getResponse(String id) {
        return requests.get(id);
    }

    /** Whether a plain request lacks its response or a callback request is outstanding. */
    public boolean havePendingResponses() {
        return requests.havePending();
    }

    /** Sends a request to this handle's own service and waits up to {@code timeout} for the response. */
    public Response request(Object request, Duration timeout) {
        return syncRequest(serviceName, request, timeout);
    }

    /** Sends a request and waits for its response with no deadline (peer loss still ends the wait). */
    public Response syncRequest(String peer, Object request) {
        return awaitResponse(sendRequest(peer, request));
    }

    /**
     * Sends a request and waits for its response.
     *
     * @throws RequestTimeoutException after {@code timeout}
     * @throws PeerGoneException when the service went away without answering
     */
    public Response syncRequest(String peer, Object request, Duration timeout) {
        return awaitResponse(sendRequest(peer, request), timeout);
    }

    /** Waits with no deadline for a plain request's response (peer loss still ends the wait). */
    public Response awaitResponse(String id) {
        return awaitResponse(id, null);
    }

    /**
     * Waits for a plain request's response. A timeout of zero checks once, then times out.
     *
     * @throws RequestTimeoutException after {@code timeout}; the request stays pending
     * @throws PeerGoneException when the target went away without answering
     * @throws UnexpectedResponseException for an unknown id or one with a callback
     */
    public Response awaitResponse(String id, Duration timeout) {
        long start = System.nanoTime();
        LivenessSchedule liveness = new LivenessSchedule(start);
        while (true) {
            Optional<Response> r = requests.get(id);
            if (r.isPresent()) {
                return r.get();
            }
            long left = left(start, timeout);
            Requests.Entry e = requests.entry(id);
            if (e != null && liveness.due(left) && !PeerLiveness.isAlive(client(), e.peer, e.pid)) {
                // It may have answered and then exited: read what is there before giving up.
                poll(Duration.ZERO);
                r = requests.get(id);
                if (r.isPresent()) {
                    return r.get();
                }
                throw new PeerGoneException("peer '" + e.peer + "' went away while awaiting response '" + id + "'");
            }
            if (left <= 0) {
                throw new RequestTimeoutException("await_response: timed out after " + seconds(timeout)
                        + "s waiting for response '" + id + "'");
            }
            liveness.waited(poll(Duration.ofNanos(Math.min(interval.toNanos(), left))));
        }
    }

    /** Waits with no deadline until nothing is pending (callbacks run meanwhile). */
    public void awaitAllResponses() {
        awaitAllResponses(null);
    }

    /**
     * Waits until no request is pending; callbacks of callback requests run during the wait.
     *
     * @throws PeerGoneException naming every pending peer that went away
     * @throws RequestTimeoutException after {@code timeout}
     */
    public void awaitAllResponses(Duration timeout) {
        long start = System.nanoTime();
        LivenessSchedule liveness = new LivenessSchedule(start);
        while (requests.havePending()) {
            long left = left(start, timeout);
            Set<String> gone = liveness.due(left) ? gonePeers() : Set.of();
            if (!gone.isEmpty()) {
                poll(Duration.ZERO);
                if (!requests.havePending()) {
                    return;
                }
                gone = gonePeers();
                if (!gone.isEmpty()) {
                    throw new PeerGoneException("peer(s) '" + String.join(", ", gone)
                            + "' went away while awaiting responses");
                }
            }
            if (left <= 0) {
                throw new RequestTimeoutException("await_all_responses: timed out after " + seconds(timeout)
                        + "s with pending responses");
            }
            liveness.waited(poll(Duration.ofNanos(Math.min(interval.toNanos(), left))));
        }
    }

    /**
     * When an await asks whether the awaited peers still live. IPC::Manager asks before every
     * wait, which costs a few store look-ups and a pid probe on the path of every request although
     * the answer almost always arrives within the first wait. A peer that went away cannot answer,
     * so asking after a wait that brought nothing (or when the time is up, or at least once per
     * {@link #interval()} while unrelated messages keep arriving) ends such a wait with the same
     * {@link PeerGoneException}, at most one interval later.
     */
    private final class LivenessSchedule {
        private long lastCheck;
        private boolean idle;

        LivenessSchedule(long start) {
            this.lastCheck = start;
        }

        /** Whether to check now, given the time left ({@code <= 0}: the deadline has passed). */
        boolean due(long left) {
            long now = System.nanoTime();
            if (idle || left <= 0 || now - lastCheck >= interval.toNanos()) {
                lastCheck = now;
                idle = false;
                return true;
            }
            return false;
        }

        /** Records how many messages the last wait brought. */
        void waited(int messages) {
            idle = messages == 0;
        }
    }

    private Set<String> gonePeers() {
        Set<String> gone = new LinkedHashSet<>();
        // Many requests usually share a few peers: ask the store once per (peer, pid), not per request.
        Set<String> checked = new java.util.HashSet<>();
        for (Requests.Entry e : requests.pending()) {
            if (checked.add(e.peer + "\u0000" + e.pid) && !PeerLiveness.isAlive(client(), e.peer, e.pid)) {
                gone.add(e.peer);
            }
        }
        return gone;
    }

    private static long left(long start, Duration timeout) {
        if (timeout == null) {
            return Long.MAX_VALUE;
        }
        return start + timeout.toNanos() - System.nanoTime();
    }

    private static String seconds(Duration d) {
        return BigDecimal.valueOf(d.toNanos()).movePointLeft(9).stripTrailingZeros().toPlainString();
    }

    /**
     * Waits up to {@code timeout} for messages and files them: responses go to the request
     * book-keeping (running callbacks), everything else to the buffer.
     *
     * @return how many messages were read
     */
    public int poll(Duration timeout) {
        List<Message> got = timeout.isZero() ? client().receive() : client().awaitMessages(timeout);
        for (Message m : got) {
            if (Wire.isResponse(m.content())) {
                try {
                    requests.handle(new Response((com.fasterxml.jackson.databind.node.ObjectNode) m.content(), m));
                } catch (RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    throw new ServiceFailedException("Response callback for '" + Wire.text(m.content().get(Wire.RESPONSE_ID))
                            + "' failed: " + e, e);
                }
            } else {
                synchronized (buffer) {
                    buffer.add(m);
                }
            }
        }
        return got.size();
    }

    /** The buffered non-response messages in arrival order; empties the buffer. */
    public List<Message> messages() {
        synchronized (buffer) {
            List<Message> out = new ArrayList<>(buffer);
            buffer.clear();
            return out;
        }
    }

    void bufferForTest(Message m) {
        synchronized (buffer) {
            buffer.add(m);
        }
    }

    // ==== close =================================================================================

    /**
     * Disconnects the handle's client, then shuts down the store it owns (terminating the service),
     * then reaps the service's process or thread, killing a process that does not exit in time.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            endThreadService();
            closed = true;
        }
        try {
            Client c = client;
            if (c != null && !c.isDisconnected()) {
                try {
                    c.disconnect();
                } catch (MessagesWaitingException e) {
                    warn(e.getMessage());
                } catch (IpcmException | IllegalStateException e) {
                    warn("handle '" + name + "' disconnect: " + e.getMessage());
                }
            }
        } finally {
            Store s = ownedStore;
            try {
                if (s != null) {
                    s.close();
                }
            } finally {
                if (s != null) {
                    reap();
                }
            }
        }
    }

    /**
     * A store's shutdown disconnects every client of its own JVM right after its terminate
     * broadcast, which could cut a service running in a thread off before it has read that
     * message. Such a service is ended first, with the same terminate message, so it runs its
     * clean-up exactly as a service in its own process does.
     */
    private void endThreadService() {
        Thread t = ownedThread;
        if (t == null || ownedStore == null || !t.isAlive()) {
            return;
        }
        try {
            client().send(serviceName, com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode().put("terminate", 1));
            t.join(REAP_WAIT_MILLIS);
        } catch (IpcmException e) {
            warn("could not ask service '" + serviceName + "' to terminate: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void reap() {
        Process p = ownedProcess;
        if (p != null) {
            try {
                if (!p.waitFor(REAP_WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
                    warn("service '" + serviceName + "' (pid " + p.pid() + ") did not exit after its store shut down; killing it");
                    p.destroyForcibly();
                    p.waitFor(REAP_WAIT_MILLIS, TimeUnit.MILLISECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                p.destroyForcibly();
            }
        }
        Thread t = ownedThread;
        if (t != null) {
            try {
                t.join(REAP_WAIT_MILLIS);
                if (t.isAlive()) {
                    warn("service thread '" + t.getName() + "' did not end after its store shut down");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void warn(String text) {
        System.getLogger("dev.ipcm.service").log(System.Logger.Level.WARNING, text);
    }

    @Override
    public String toString() {
        return "ServiceHandle[" + name + " -> " + serviceName + "]";
    }

    /** Builds a {@link ServiceHandle}. */
    @API(status = API.Status.EXPERIMENTAL, since = "0.1")
    public static final class Builder {
        private final String serviceName;
        private final String info;
        private String name;
        private Duration interval;
        private Client client;

        private Builder(String serviceName, String info) {
            if (serviceName == null || serviceName.isEmpty()) {
                throw new ServiceConfigException("'service_name' is a required attribute of a handle: the service to talk to");
            }
            if (info == null || info.isEmpty()) {
                throw new ServiceConfigException("'ipcm_info' is a required attribute of a handle: the store's info string");
            }
            this.serviceName = serviceName;
            this.info = info;
        }

        /** The handle's own client name (default: a fresh UUID). */
        public Builder name(String value) {
            this.name = value;
            return this;
        }

        /** The poll granularity while awaiting responses (default 0.2 s). */
        public Builder interval(Duration value) {
            if (value == null || value.isNegative() || value.isZero()) {
                throw new ServiceConfigException("interval must be positive, got: " + value);
            }
            this.interval = value;
            return this;
        }

        /** Uses an already connected client instead of connecting one. */
        public Builder client(Client value) {
            this.client = value;
            return this;
        }

        /** The handle. Nothing is connected yet. */
        public ServiceHandle build() {
            return new ServiceHandle(this);
        }
    }
}
