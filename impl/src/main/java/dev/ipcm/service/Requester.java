package dev.ipcm.service;

import dev.ipcm.Client;
import dev.ipcm.Ipcm;
import dev.ipcm.IpcmException;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.apiguardian.api.API;

/**
 * A named client on a store, connected on first use, and the requests it sends: the one request
 * API of a caller's {@link ServiceHandle} and of a running service's {@link ServiceContext}. A
 * {@link ServicePeer} sends through the requester it belongs to.
 *
 * <p>Each request gets a fresh id; its response is either kept until fetched with
 * {@link #getResponse} or handed to the request's callback. A request stays pending after a
 * timeout or the loss of its peer, so a late response is still accepted.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public abstract class Requester {
    private final String name;
    private final String ipcmInfo;
    private final Requests requests = new Requests();
    private volatile Map<String, String> connectParams = Map.of();
    private volatile Client client;

    Requester(String name, String ipcmInfo, Client connected) {
        this.name = name;
        this.ipcmInfo = ipcmInfo;
        this.client = connected;
    }

    /** The client name on the bus. */
    public final String name() {
        return name;
    }

    /** The store's info string. */
    public final String ipcmInfo() {
        return ipcmInfo;
    }

    /** The client, connected on first use. */
    public synchronized Client client() {
        Client c = client;
        if (c == null) {
            c = Ipcm.connect(name, ipcmInfo, connectParams);
            client = c;
        }
        return c;
    }

    /** The client if it was connected, without connecting. */
    Optional<Client> clientIfConnected() {
        return Optional.ofNullable(client);
    }

    /** Protocol parameters for the connect (database {@code user}/{@code password}). */
    void connectParams(Map<String, String> params) {
        this.connectParams = Map.copyOf(params);
    }

    /** Forgets the client (without disconnecting it) and every pending request. */
    synchronized void forget() {
        client = null;
        requests.clear();
    }

    /** Disconnects the client if it is connected; a failure goes to {@code report}, not to the caller. */
    void disconnect(Consumer<RuntimeException> report) {
        Client c = client;
        if (c == null || c.isDisconnected()) {
            return;
        }
        try {
            c.disconnect();
        } catch (IpcmException | IllegalStateException e) {
            report.accept(e);
        }
    }

    /** Sends a request to {@code peer}; its response is kept for {@link #getResponse}. */
    public String sendRequest(String peer, Object request) {
        return requests.send(client(), peer, request, null);
    }

    /** Sends a request to {@code peer}; {@code callback} gets the response when it arrives. */
    public String sendRequest(String peer, Object request, ResponseCallback callback) {
        if (callback == null) {
            throw new ServiceConfigException("callback must not be null; use sendRequest(peer, request) without one");
        }
        return requests.send(client(), peer, request, callback);
    }

    /**
     * The response to a plain request, once, if it has arrived (no waiting).
     *
     * @throws UnexpectedResponseException for an unknown id or one with a callback
     */
    public Optional<Response> getResponse(String id) {
        return requests.get(id);
    }

    /** Whether a plain request lacks its response or a callback request is outstanding. */
    public boolean havePendingResponses() {
        return requests.havePending();
    }

    /**
     * Files a response that arrived: runs and forgets its request's callback, or keeps it for
     * {@link #getResponse}. A service that overrides its response handling hands responses on here.
     *
     * @throws UnexpectedResponseException for a response nobody here asked for
     */
    public void dispatchResponse(Response response) throws Exception {
        requests.handle(response);
    }

    /** The book-keeping of the requests sent here. */
    Requests requests() {
        return requests;
    }
}
