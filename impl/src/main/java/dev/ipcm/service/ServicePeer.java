package dev.ipcm.service;

import dev.ipcm.os.Os;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import org.apiguardian.api.API;

/**
 * Another service on the same bus, as a running service sees it: requests go out through the
 * owning service's client, and their responses arrive in the owning service's loop (use a
 * callback). There is no blocking wait on a peer. The owning service is held weakly.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class ServicePeer {
    private final String name;
    private final WeakReference<AbstractService> service;
    private volatile long childPid;

    /**
     * A peer named {@code name} for {@code service}, which must belong to this process.
     *
     * @throws ServiceConfigException when a value is missing or the service belongs to another pid
     */
    public ServicePeer(String name, AbstractService service) {
        if (name == null || name.isEmpty()) {
            throw new ServiceConfigException("'name' is required: the peer service's name");
        }
        if (service == null) {
            throw new ServiceConfigException("'service' is required: the service that talks to the peer");
        }
        if (service.pid() != Os.get().pid()) {
            throw new ServiceConfigException("'service' must be the current process: service '" + service.name()
                    + "' belongs to pid " + service.pid() + ", this is pid " + Os.get().pid());
        }
        this.name = name;
        this.service = new WeakReference<>(service);
    }

    /** The peer service's name. */
    public String name() {
        return name;
    }

    /** The owning service, unless it was garbage-collected. */
    public Optional<AbstractService> service() {
        return Optional.ofNullable(service.get());
    }

    private AbstractService owner() {
        AbstractService s = service.get();
        if (s == null) {
            throw new ServiceConfigException("The service that owned peer '" + name + "' is gone");
        }
        return s;
    }

    /** Whether the peer is registered with a running pid now. */
    public boolean ready() {
        return owner().client().peerActive(name);
    }

    /** Waits until the peer is registered with a running pid, or the timeout passes. */
    public boolean ready(Duration timeout) {
        return owner().client().awaitPeerActive(name, timeout);
    }

    /** The pid registered for the peer on the bus now. */
    public OptionalLong servicePid() {
        return owner().client().peerPid(name);
    }

    /** The pid of the process launched for the peer; empty unless this process launched it. */
    public OptionalLong childPid() {
        long p = childPid;
        return p > 0 ? OptionalLong.of(p) : OptionalLong.empty();
    }

    /** Records the launched process's pid (done by the launcher). */
    public void setChildPid(long pid) {
        this.childPid = pid;
    }

    /** Sends a request; fetch its response later with {@link #getResponse}. */
    public String sendRequest(Object request) {
        return owner().sendRequest(name, request);
    }

    /** Sends a request; {@code callback} runs in the owning service's loop. */
    public String sendRequest(Object request, ResponseCallback callback) {
        return owner().sendRequest(name, request, callback);
    }

    /** The response to a plain request, once, if it has arrived. */
    public Optional<Response> getResponse(String id) {
        return owner().getResponse(id);
    }

    @Override
    public String toString() {
        return "ServicePeer[" + name + "]";
    }
}
