package dev.ipcm.service;

import dev.ipcm.Client;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Book-keeping of outgoing requests and their responses, shared by services and handles: plain
 * requests wait in one table until their response is fetched, callback requests in another until
 * the callback has run. Entries are never dropped on timeout or peer loss, so a late response is
 * still accepted. Thread-safe; callbacks run outside the lock.
 */
final class Requests {
    /** One pending request: the target peer, its pid at send time (0 when unknown), and the response or callback. */
    static final class Entry {
        final String id;
        final String peer;
        final long pid;
        final ResponseCallback callback;
        Response response;

        Entry(String id, String peer, long pid, ResponseCallback callback) {
            this.id = id;
            this.peer = peer;
            this.pid = pid;
            this.callback = callback;
        }
    }

    private final Map<String, Entry> plain = new LinkedHashMap<>();
    private final Map<String, Entry> withCallback = new LinkedHashMap<>();

    synchronized void clear() {
        plain.clear();
        withCallback.clear();
    }

    /**
     * Sends a request and records it; nothing is recorded when the send throws.
     *
     * @return the fresh request id
     */
    String send(Client client, String peer, Object request, ResponseCallback callback) {
        if (peer == null || peer.isEmpty()) {
            throw new ServiceConfigException("A request needs a target peer name (the service's name), got: '" + peer + "'");
        }
        String id = UUID.randomUUID().toString();
        long pid = client.peerPid(peer).orElse(0);
        Entry e = new Entry(id, peer, pid, callback);
        // Recorded before the send so a response racing back on another thread always finds its entry.
        synchronized (this) {
            (callback == null ? plain : withCallback).put(id, e);
        }
        try {
            client.send(peer, Wire.request(id, request));
        } catch (RuntimeException ex) {
            synchronized (this) {
                plain.remove(id);
                withCallback.remove(id);
            }
            throw ex;
        }
        return id;
    }

    /**
     * Files a response: runs and forgets its callback, or stores it for {@link #get}.
     *
     * @throws UnexpectedResponseException for an unknown id or a second unfetched response
     */
    void handle(Response response) throws Exception {
        String id = response.id();
        ResponseCallback cb;
        synchronized (this) {
            Entry c = withCallback.remove(id);
            if (c != null) {
                cb = c.callback;
            } else {
                Entry p = plain.get(id);
                if (p == null) {
                    throw new UnexpectedResponseException("Got an unexpected response for '" + id
                            + "': no request with this id is pending here (already fetched, or never sent)");
                }
                if (p.response != null) {
                    throw new UnexpectedResponseException("Got an extra response for '" + id
                            + "': the first one has not been fetched yet");
                }
                p.response = response;
                return;
            }
        }
        cb.onResponse(response);
    }

    /**
     * The response to a plain request, once, if it has arrived.
     *
     * @throws UnexpectedResponseException for a callback request or an unknown id
     */
    synchronized Optional<Response> get(String id) {
        if (withCallback.containsKey(id)) {
            throw new UnexpectedResponseException("Response id '" + id
                    + "' has a callback assigned; the callback receives the response, it cannot be fetched");
        }
        Entry e = plain.get(id);
        if (e == null) {
            throw new UnexpectedResponseException("Not expecting a response with id '" + id
                    + "' (never sent from here, or already fetched)");
        }
        if (e.response == null) {
            return Optional.empty();
        }
        plain.remove(id);
        return Optional.of(e.response);
    }

    /** Whether a plain request still lacks its response or a callback request is outstanding. */
    synchronized boolean havePending() {
        if (!withCallback.isEmpty()) {
            return true;
        }
        for (Entry e : plain.values()) {
            if (e.response == null) {
                return true;
            }
        }
        return false;
    }

    /** The entry of a pending id, or null. */
    synchronized Entry entry(String id) {
        Entry e = withCallback.get(id);
        return e != null ? e : plain.get(id);
    }

    /** Every entry still waiting for its response. */
    synchronized List<Entry> pending() {
        List<Entry> out = new ArrayList<>(withCallback.values());
        for (Entry e : plain.values()) {
            if (e.response == null) {
                out.add(e);
            }
        }
        return out;
    }
}
