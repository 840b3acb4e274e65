package dev.ipcm.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ipcm.Client;
import dev.ipcm.Message;
import dev.ipcm.MessagesWaitingException;
import dev.ipcm.PeerGoneException;
import dev.ipcm.Store;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import org.apiguardian.api.API;

/**
 * What a caller that is not itself a service holds to talk to a service: a {@link Requester} with
 * its own client on the service's bus, which can also wait for responses. Messages that are not
 * responses are buffered for {@link #messages()}.
 *
 * <p>A handle returned by {@link Services#start} owns what was started for it: closing it
 * disconnects the handle's client, then shuts down the store it created (which terminates the
 * service), then reaps the service's process (killing it if it outlives the shutdown). A handle
 * built on a caller-supplied info string owns nothing; closing it only disconnects.
 *
 * <p>One handle is meant for one thread at a time; use a handle per calling thread.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class ServiceHandle extends Requester implements AutoCloseable {
    /** The default poll granularity while awaiting responses. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofMillis(200);

    private final String serviceName;
    private final Duration interval;
    private final ServicePeer service;
    private final ResponseWait waits;
    private final List<Message> buffer = new ArrayList<>();
    private volatile LaunchedService launched = LaunchedService.NOTHING;
    private volatile boolean closed;

    private ServiceHandle(Builder b) {
        super(b.name != null ? b.name : UUID.randomUUID().toString(), b.info, b.client);
        this.serviceName = b.serviceName;
        this.interval = b.interval != null ? b.interval : DEFAULT_INTERVAL;
        this.service = new ServicePeer(serviceName, this);
        this.waits = new ResponseWait(this, this::poll, interval);
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

    /** The service this handle talks to. */
    public String serviceName() {
        return serviceName;
    }

    /** The poll granularity while awaiting responses. */
    public Duration interval() {
        return interval;
    }

    /** The handle's client, connected on first use. */
    @Override
    public synchronized Client client() {
        if (closed) {
            throw new ServiceConfigException("Handle '" + name() + "' to service '" + serviceName + "' is closed");
        }
        return super.client();
    }

    /** The store this handle created and shuts down on close, if any. */
    public Optional<Store> store() {
        return Optional.ofNullable(launched.store());
    }

    /** The service process this handle launched, if any (the first one, for relaunched services). */
    public Optional<Process> process() {
        return Optional.ofNullable(launched.process());
    }

    /** The thread running the service, for services started in a thread. */
    Optional<Thread> thread() {
        return Optional.ofNullable(launched.thread());
    }

    void own(LaunchedService what) {
        this.launched = what;
    }

    // ==== the service: readiness and pids ======================================================

    /** Whether the service is registered with a running pid now (one check). */
    public boolean ready() {
        return service.ready();
    }

    /** Waits until the service is registered with a running pid, or the timeout passes. */
    public boolean ready(Duration timeout) {
        return service.ready(timeout);
    }

    /**
     * Waits with no deadline until the service is registered with a running pid: the
     * reference's {@code $handle->ready(0)}. For production code that cannot go on without the
     * service; a test gives a deadline with {@link #ready(Duration)}.
     *
     * @throws InterruptedException when the waiting thread is interrupted
     */
    public void awaitReady() throws InterruptedException {
        service.awaitReady();
    }

    /** The pid the bus has registered for the service now (the process running its loop). */
    public OptionalLong servicePid() {
        return service.servicePid();
    }

    /** Where the service's registered process runs, when the store recorded it (server stores); empty: this host or unknown. */
    public Optional<dev.ipcm.PeerHost> serviceHost() {
        return service.serviceHost();
    }

    /** The pid of the process launched for the service (one of this host); empty for handles not made by a launch. */
    public OptionalLong childPid() {
        return service.childPid();
    }

    void setChildPid(long pid) {
        service.setChildPid(pid);
    }

    // ==== waiting for responses =================================================================

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
        return waits.response(id, null);
    }

    /**
     * Waits for a plain request's response. A timeout of zero checks once, then times out.
     *
     * @throws RequestTimeoutException after {@code timeout}; the request stays pending
     * @throws PeerGoneException when the target went away without answering
     * @throws UnexpectedResponseException for an unknown id or one with a callback
     */
    public Response awaitResponse(String id, Duration timeout) {
        return waits.response(id, timeout);
    }

    /** Waits with no deadline until nothing is pending (callbacks run meanwhile). */
    public void awaitAllResponses() {
        waits.all(null);
    }

    /**
     * Waits until no request is pending; callbacks of callback requests run during the wait.
     *
     * @throws PeerGoneException naming every pending peer that went away
     * @throws RequestTimeoutException after {@code timeout}
     */
    public void awaitAllResponses(Duration timeout) {
        waits.all(timeout);
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
                file(new Response((ObjectNode) m.content(), m));
            } else {
                synchronized (buffer) {
                    buffer.add(m);
                }
            }
        }
        return got.size();
    }

    private void file(Response response) {
        try {
            dispatchResponse(response);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new ServiceFailedException("Response callback for '" + response.id() + "' failed: " + e, e);
        }
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
            launched.endThreadService(this::client, serviceName);
            closed = true;
        }
        try {
            disconnect(e -> LaunchedService.warn(e instanceof MessagesWaitingException ? e.getMessage()
                    : "handle '" + name() + "' disconnect: " + e.getMessage()));
        } finally {
            launched.end(serviceName);
        }
    }

    @Override
    public String toString() {
        return "ServiceHandle[" + name() + " -> " + serviceName + "]";
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
