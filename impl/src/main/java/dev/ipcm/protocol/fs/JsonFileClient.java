package dev.ipcm.protocol.fs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ipcm.ContentException;
import dev.ipcm.CorruptMessageException;
import dev.ipcm.Message;
import dev.ipcm.NameTakenException;
import dev.ipcm.NoSuchPeerException;
import dev.ipcm.Stats;
import dev.ipcm.StoreGoneException;
import dev.ipcm.protocol.directory.DirectoryWatch;
import dev.ipcm.spi.ConnectRequest;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * A JSONFile client: its entry is {@code clients[id] = {"pid": P}}, its inbox
 * {@code messages[id]}, its persisted counts {@code stats[id]} (the lifecycle:
 * docs/protocols/file-stores.md, "JSONFile").
 *
 * <p>Decisions: suspend keeps the pid, as the reference does, because that is how Perl peers
 * see the store; {@link #requeue} appends to the client's own inbox (the reference's sends to a
 * peer literally named {@code to}). Receivers wake on inotify events for the store file.
 */
final class JsonFileClient extends dev.ipcm.spi.AbstractClient {
    private static final String CLIENTS = "clients";
    private static final String MESSAGES = "messages";
    private static final String STATS = "stats";
    private static final String PID = "pid";
    private static final String SUSPEND = "suspend_expires_at";

    private final JsonStore store;
    // Two watches of the one store file: each wait clears its own latch, so a message wait must
    // not swallow the event a peer-change wait is waiting for, nor the other way round.
    private final DirectoryWatch messageWatch;
    private final DirectoryWatch peerWatch;
    /** Set once disconnect has begun: a vanished store then just means there is nothing left to drain. */
    private boolean leaving;

    JsonFileClient(ConnectRequest request) {
        super(request, JsonFileProtocol.CAPABILITIES, null);
        boolean watching = dev.ipcm.protocol.directory.FileWatching.enabled(request);
        this.store = new JsonStore(Path.of(request.route()).toAbsolutePath());
        synchronized (io) {
            Stats persisted = store.connect(request.reconnect() ? this::reattach : this::register);
            persisted.read().forEach((k, v) -> stats().countRead(k, v));
            persisted.sent().forEach((k, v) -> stats().countSent(k, v));
            Path file = store.path();
            messageWatch = DirectoryWatch.file(file.getParent(), file.getFileName().toString(), watching);
            peerWatch = DirectoryWatch.file(file.getParent(), file.getFileName().toString(), watching);
        }
        connected();
    }

    /** Connect: takes over an entry whose pid is dead (keeping its inbox), refuses any other, then registers with our pid. */
    private Stats register(JsonStore.Tx tx) {
        ObjectNode clients = tx.section(CLIENTS);
        JsonNode existing = clients.get(name());
        if (existing != null) {
            long owner = pidOf(existing);
            if (owner > 0 && !isRunning(owner)) {
                // The mail that waited for the dead holder stays for the new one (docs/decisions.md).
                clients.remove(name());
                tx.section(STATS).remove(name());
            } else {
                throw new NameTakenException("Client '" + name() + "' already exists in JSONFile store '" + store.path()
                        + "'" + (owner > 0 ? " (pid " + owner + " is running)" : "")
                        + "; choose another name, or reconnect if it is a suspended client of yours");
            }
        }
        clients.putObject(name()).put(PID, pid());
        if (!(tx.section(MESSAGES).get(name()) instanceof ArrayNode)) {
            tx.section(MESSAGES).putArray(name());
        }
        tx.changed();
        return new Stats();
    }

    /** Reconnect: the entry must exist and no other live process may hold it; stats come from the store. */
    private Stats reattach(JsonStore.Tx tx) {
        JsonNode existing = tx.section(CLIENTS).get(name());
        if (!(existing instanceof ObjectNode entry)) {
            throw new NoSuchPeerException("Client '" + name() + "' does not exist in JSONFile store '" + store.path()
                    + "': only a suspended (or crashed) client can be reconnected; connect instead");
        }
        long owner = pidOf(entry);
        if (owner > 0 && owner != pid() && isRunning(owner)) {
            throw new NameTakenException("Connection already running in pid " + owner + " for '" + name()
                    + "'; only a suspended client can be reconnected");
        }
        entry.put(PID, pid());
        entry.remove(SUSPEND);
        tx.changed();
        return Stats.fromJson(tx.section(STATS).get(name()));
    }

    /** A recorded pid: an integer, or a numeric string as Perl may leave it; anything else is 0. */
    private static long pidOf(JsonNode entry) {
        JsonNode p = entry == null ? null : entry.get(PID);
        if (p == null || p.isNull()) {
            return 0;
        }
        if (p.isNumber()) {
            return p.asLong();
        }
        String t = p.asText().trim();
        return t.matches("[0-9]{1,18}") ? Long.parseLong(t) : 0;
    }

    // ==== sending and receiving ===============================================================

    @Override
    protected void deliver(Message message) {
        String to = message.toOrNull();
        ObjectNode json = message.toJson();
        store.update(tx -> {
            if (!tx.section(CLIENTS).has(to)) {
                throw noSuchPeer(to);
            }
            inbox(tx, to).add(json);
            tx.changed();
            return null;
        });
    }

    private static ArrayNode inbox(JsonStore.Tx tx, String id) {
        ObjectNode messages = tx.section(MESSAGES);
        return messages.get(id) instanceof ArrayNode a ? a : messages.putArray(id);
    }

    @Override
    protected List<Message> fetch() {
        List<JsonNode> raw;
        try {
            raw = takeInbox();
        } catch (StoreGoneException e) {
            if (leaving) {
                return List.of();
            }
            throw e;
        }
        List<Message> out = new ArrayList<>();
        for (JsonNode node : raw) {
            try {
                out.add(Message.fromJson(node));
            } catch (ContentException e) {
                // The store file has no place to park it without Perl peers tripping over it: report it whole.
                setAside(new CorruptMessageException("A message in the inbox of '" + name() + "' in JSONFile store '"
                        + store.path() + "' is not valid (" + e.getMessage() + "); it was removed from the store and "
                        + "the other messages were delivered. Its JSON: " + node, e));
            }
        }
        return out;
    }

    /** At-least-once: the inbox read under the shared lock, left in place; invalid entries as in {@link #fetch}. */
    @Override
    protected List<Message> peekStored() {
        List<JsonNode> raw = store.read(root -> {
            List<JsonNode> all = new ArrayList<>();
            root.path(MESSAGES).path(name()).forEach(all::add);
            return all;
        });
        List<Message> out = new ArrayList<>();
        for (JsonNode node : raw) {
            try {
                out.add(Message.fromJson(node));
            } catch (ContentException e) {
                // Left in place: the next plain receive removes and reports it.
            }
        }
        return out;
    }

    @Override
    protected void deleteStored(List<Message> messages) {
        java.util.Set<String> ids = new java.util.HashSet<>();
        messages.forEach(m -> ids.add(m.id()));
        store.update(tx -> {
            if (tx.section(MESSAGES).get(name()) instanceof ArrayNode inbox) {
                for (Iterator<JsonNode> it = inbox.iterator(); it.hasNext(); ) {
                    if (ids.contains(it.next().path("id").asText())) {
                        it.remove();
                        tx.changed();
                    }
                }
            }
            return null;
        });
    }

    private List<JsonNode> takeInbox() {
        return store.update(tx -> {
            JsonNode inbox = tx.section(MESSAGES).get(name());
            if (!(inbox instanceof ArrayNode a) || a.isEmpty()) {
                return List.of();
            }
            List<JsonNode> taken = new ArrayList<>();
            a.forEach(taken::add);
            tx.section(MESSAGES).putArray(name());
            tx.changed();
            return taken;
        });
    }

    @Override
    protected boolean hasReady() {
        try {
            return store.read(root -> root.path(MESSAGES).path(name()).size() > 0);
        } catch (StoreGoneException e) {
            if (leaving) {
                return false;
            }
            throw e;
        }
    }

    /**
     * Puts messages back in this client's own inbox in the store, so they survive a suspend or
     * exec. They will be counted again when received, so the count is taken back now.
     */
    @Override
    protected void storeRequeued(List<Message> messages) {
        store.update(tx -> {
            ArrayNode inbox = inbox(tx, name());
            messages.forEach(m -> inbox.add(m.toJson()));
            tx.changed();
            return null;
        });
        messages.forEach(m -> stats().countRead(m.from(), -1));
    }

    @Override
    protected void waitForActivity(long nanos) {
        messageWatch.await(nanos);
    }

    @Override
    protected void waitForPeerActivity(long nanos) {
        peerWatch.await(nanos);
    }

    // ==== peers ===============================================================================

    @Override
    protected List<String> listPeers() {
        return store.read(root -> {
            List<String> out = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = root.path(CLIENTS).fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                long owner = pidOf(e.getValue());
                if (!e.getKey().equals(name()) && (owner <= 0 || isRunning(owner))) {
                    out.add(e.getKey());
                }
            }
            out.sort(null);
            return out;
        });
    }

    @Override
    protected boolean isRegistered(String peer) {
        return store.read(root -> root.path(CLIENTS).has(peer));
    }

    @Override
    protected OptionalLong recordedPid(String peer) {
        long p = store.read(root -> pidOf(root.path(CLIENTS).get(peer)));
        return p > 0 ? OptionalLong.of(p) : OptionalLong.empty();
    }

    @Override
    protected Optional<BigDecimal> recordedSuspendDeadline(String peer) {
        return store.read(root -> {
            JsonNode d = root.path(CLIENTS).path(peer).get(SUSPEND);
            if (d == null || d.isNull()) {
                return Optional.<BigDecimal>empty();
            }
            if (d.isNumber()) {
                return Optional.of(d.decimalValue());
            }
            try {
                return Optional.of(new BigDecimal(d.asText().trim()));
            } catch (NumberFormatException e) {
                return Optional.<BigDecimal>empty();
            }
        });
    }

    @Override
    protected int reapDeadPeers() {
        return store.update(tx -> {
            List<String> dead = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = tx.section(CLIENTS).fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                long owner = pidOf(e.getValue());
                if (!e.getKey().equals(name()) && owner > 0 && !isRunning(owner)) {
                    dead.add(e.getKey());
                }
            }
            for (String id : dead) {
                tx.section(CLIENTS).remove(id);
                tx.section(MESSAGES).remove(id);
                tx.section(STATS).remove(id);
                tx.changed();
            }
            return dead.size();
        });
    }

    // ==== leaving =============================================================================

    @Override
    protected void unregister() {
        leaving = true;
        // The entry stays until the drain is done, as in the reference: senders may still reach it meanwhile.
    }

    @Override
    protected void finishDisconnect() {
        try {
            store.update(tx -> {
                tx.section(CLIENTS).remove(name());
                tx.section(MESSAGES).remove(name());
                tx.changed();
                return null;
            });
        } catch (StoreGoneException e) {
            // The store is gone: nothing of ours is left to remove.
        }
    }

    /** Records only the deadline; the pid stays, so a live suspended process still looks active (as the reference). */
    @Override
    protected void markSuspended(BigDecimal expiresAt) {
        // Without a deadline nothing is written, but the store is still read: a suspend on a
        // destroyed store is StoreGoneException here as on every other store.
        BigDecimal plain = expiresAt == null ? null : plainDeadline(expiresAt);
        store.update(tx -> {
            if (plain != null && tx.section(CLIENTS).get(name()) instanceof ObjectNode entry) {
                entry.put(SUSPEND, plain);
                tx.changed();
            }
            return null;
        });
    }

    /** A deadline as the reference writes it: no trailing zeros, never in exponent form. */
    private static BigDecimal plainDeadline(BigDecimal expiresAt) {
        BigDecimal when = expiresAt.stripTrailingZeros();
        return when.scale() < 0 ? when.setScale(0) : when;
    }

    @Override
    protected void persistStats(Stats stats) {
        ObjectNode json = stats.toJson();
        try {
            store.update(tx -> {
                tx.section(STATS).set(name(), json);
                tx.changed();
                return null;
            });
        } catch (StoreGoneException e) {
            // As for file stores: stats cannot outlive their store, and saying so at exit helps nobody.
        }
    }

    @Override
    protected Map<String, Stats> loadAllStats() {
        return store.read(root -> {
            Map<String, Stats> out = new TreeMap<>();
            root.path(STATS).fields().forEachRemaining(e -> out.put(e.getKey(), Stats.fromJson(e.getValue())));
            return out;
        });
    }

    @Override
    protected void closeResources() {
        messageWatch.close();
        peerWatch.close();
    }
}
