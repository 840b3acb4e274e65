package dev.ipcm.service;

import dev.ipcm.PeerHost;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import org.apiguardian.api.API;

/**
 * A service on the bus as a {@link Requester} sees it: whether it is ready, its pids, and requests
 * to it, which go out through that requester's client. A running service gets one from
 * {@link ServiceContext#peer} or {@link ServiceContext#startService}; the responses then arrive in
 * its loop (use a callback), so there is no blocking wait on a peer. The requester is held weakly.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class ServicePeer {
    private final String name;
    private final WeakReference<Requester> owner;
    private volatile long childPid;

    ServicePeer(String name, Requester owner) {
        if (name == null || name.isEmpty()) {
            throw new ServiceConfigException("'name' is required: the peer service's name");
        }
        if (owner == null) {
            throw new ServiceConfigException("'owner' is required: the requester that talks to the peer");
        }
        this.name = name;
        this.owner = new WeakReference<>(owner);
    }

    /** The peer service's name. */
    public String name() {
        return name;
    }

    /** The requester this peer is seen through, unless it was garbage-collected. */
    public Optional<Requester> owner() {
        return Optional.ofNullable(owner.get());
    }

    private Requester requester() {
        return owner().orElseThrow(() -> new ServiceConfigException("The requester that owned peer '" + name
                + "' is gone"));
    }

    /** Whether the peer is registered with a running pid now (one check). */
    public boolean ready() {
        return requester().client().peerActive(name);
    }

    /** Waits until the peer is registered with a running pid, or the timeout passes. */
    public boolean ready(Duration timeout) {
        return requester().client().awaitPeerActive(name, timeout);
    }

    /**
     * Waits with no deadline until the peer is registered with a running pid: the reference's
     * {@code ready(0)}. Ends early only by an interrupt or by the client being closed.
     *
     * @throws InterruptedException when the waiting thread is interrupted
     */
    public void awaitReady() throws InterruptedException {
        requester().client().awaitPeerActive(name);
    }

    /** The pid the bus has registered for the peer now (the process running its loop). */
    public OptionalLong servicePid() {
        return requester().client().peerPid(name);
    }

    /**
     * Where the process behind {@link #servicePid()} runs, when the store recorded it (server
     * stores, for Java services); empty: this host or unknown. A pid of another host names no
     * process here.
     */
    public Optional<PeerHost> serviceHost() {
        return requester().client().peerHost(name);
    }

    /** The pid of the process launched for the peer, always one of this host; empty unless this process launched it. */
    public OptionalLong childPid() {
        long p = childPid;
        return p > 0 ? OptionalLong.of(p) : OptionalLong.empty();
    }

    void setChildPid(long pid) {
        this.childPid = pid;
    }

    /** Sends a request to the peer; fetch its response later with {@link #getResponse}. */
    public String sendRequest(Object request) {
        return requester().sendRequest(name, request);
    }

    /** Sends a request to the peer; {@code callback} gets the response (in a service, in its loop). */
    public String sendRequest(Object request, ResponseCallback callback) {
        return requester().sendRequest(name, request, callback);
    }

    /** The response to a plain request, once, if it has arrived. */
    public Optional<Response> getResponse(String id) {
        return requester().getResponse(id);
    }

    @Override
    public String toString() {
        return "ServicePeer[" + name + "]";
    }
}
