package dev.ipcm.protocol.memory;

import dev.ipcm.Message;
import dev.ipcm.NameTakenException;
import dev.ipcm.NoSuchPeerException;
import dev.ipcm.Stats;
import dev.ipcm.StoreGoneException;
import dev.ipcm.spi.AbstractClient;
import dev.ipcm.spi.ConnectRequest;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/** A LocalMemory client: the inbox is a list in the shared {@link MemoryStore}; waits use its monitor. */
final class LocalMemoryClient extends AbstractClient {
    private final MemoryStore store;
    /** A {@link #wakeWaiter()} that no wait has returned on yet; guarded by the store's monitor. */
    private boolean wakeRequested;

    LocalMemoryClient(ConnectRequest request, MemoryStore store) {
        super(request, LocalMemoryProtocol.CAPABILITIES, null);
        this.store = store;
        synchronized (store) {
            MemoryStore.Entry existing = store.clients.get(name());
            if (request.reconnect()) {
                if (existing == null) {
                    throw new NoSuchPeerException("Client '" + name() + "' does not exist: only a suspended client can reconnect");
                }
                if (existing.pid != 0 && existing.pid != pid() && isRunning(existing.pid)) {
                    throw new NameTakenException("Connection already running in pid " + existing.pid + " for '" + name() + "'");
                }
                Stats persisted = store.stats.get(name());
                if (persisted != null) {
                    persisted.read().forEach((k, v) -> stats().countRead(k, v));
                    persisted.sent().forEach((k, v) -> stats().countSent(k, v));
                }
                existing.pid = pid();
                existing.suspendExpires = null;
            } else {
                if (existing != null) {
                    if (existing.pid != 0 && !isRunning(existing.pid)) {
                        store.clients.remove(name());
                        store.stats.remove(name());
                    } else {
                        throw new NameTakenException("Client '" + name() + "' already exists on this LocalMemory store");
                    }
                }
                MemoryStore.Entry e = new MemoryStore.Entry();
                e.pid = pid();
                store.clients.put(name(), e);
            }
            store.changed();
        }
        connected();
    }

    private MemoryStore live() {
        if (store.isDestroyed()) {
            throw new StoreGoneException("The LocalMemory store '" + info().route() + "' was destroyed");
        }
        return store;
    }

    private MemoryStore.Entry own() {
        MemoryStore.Entry e = live().clients.get(name());
        if (e == null) {
            throw new StoreGoneException("Client '" + name() + "' not registered in LocalMemory store '" + info().route() + "'");
        }
        return e;
    }

    @Override
    protected void deliver(Message message) {
        synchronized (live()) {
            MemoryStore.Entry to = store.clients.get(message.toOrNull());
            if (to == null) {
                throw noSuchPeer(message.toOrNull());
            }
            to.inbox.add(message);
            store.changed();
        }
    }

    @Override
    protected List<Message> fetch() {
        synchronized (live()) {
            MemoryStore.Entry e = own();
            List<Message> out = new ArrayList<>(e.inbox);
            e.inbox.clear();
            return out;
        }
    }

    @Override
    protected boolean hasReady() {
        synchronized (live()) {
            MemoryStore.Entry e = store.clients.get(name());
            return e != null && !e.inbox.isEmpty();
        }
    }

    @Override
    protected void waitForActivity(long nanos) {
        synchronized (store) {
            MemoryStore.Entry e = store.clients.get(name());
            if (wakeRequested) {
                wakeRequested = false;
                return;
            }
            if (store.isDestroyed() || e == null || !e.inbox.isEmpty()) {
                return;
            }
            waitOn(nanos);
            wakeRequested = false;
        }
    }

    /** The wait is on the store's monitor: the flag, set under it, ends the wait in progress or the next one. */
    @Override
    protected void wakeWaiter() {
        synchronized (store) {
            wakeRequested = true;
            store.notifyAll();
        }
    }

    @Override
    protected void waitForPeerActivity(long nanos) {
        synchronized (store) {
            waitOn(nanos);
        }
    }

    private void waitOn(long nanos) {
        try {
            TimeUnit.NANOSECONDS.timedWait(store, nanos);
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    protected List<String> listPeers() {
        synchronized (live()) {
            List<String> out = new ArrayList<>();
            store.clients.forEach((id, e) -> {
                if (!id.equals(name()) && (e.pid == 0 || isRunning(e.pid))) {
                    out.add(id);
                }
            });
            return out;
        }
    }

    @Override
    protected boolean isRegistered(String peer) {
        synchronized (live()) {
            return store.clients.containsKey(peer);
        }
    }

    @Override
    protected OptionalLong recordedPid(String peer) {
        synchronized (live()) {
            MemoryStore.Entry e = store.clients.get(peer);
            return e == null || e.pid == 0 ? OptionalLong.empty() : OptionalLong.of(e.pid);
        }
    }

    @Override
    protected Optional<BigDecimal> recordedSuspendDeadline(String peer) {
        synchronized (live()) {
            MemoryStore.Entry e = store.clients.get(peer);
            return e == null ? Optional.empty() : Optional.ofNullable(e.suspendExpires);
        }
    }

    @Override
    protected int reapDeadPeers() {
        synchronized (live()) {
            List<String> dead = new ArrayList<>();
            store.clients.forEach((id, e) -> {
                if (!id.equals(name()) && e.pid != 0 && !isRunning(e.pid)) {
                    dead.add(id);
                }
            });
            dead.forEach(id -> {
                store.clients.remove(id);
                store.stats.remove(id);
            });
            if (!dead.isEmpty()) {
                store.changed();
            }
            return dead.size();
        }
    }

    @Override
    protected void unregister() {
        // The entry stays until the drain is done; senders may still reach it meanwhile, as in IPC::Manager.
    }

    @Override
    protected void finishDisconnect() {
        synchronized (store) {
            store.clients.remove(name());
            store.changed();
        }
    }

    @Override
    protected void markSuspended(BigDecimal expiresAt) {
        synchronized (live()) {
            // The pid is kept, as IPC::Manager does for in-memory and JSON-file stores.
            own().suspendExpires = expiresAt;
            store.changed();
        }
    }

    @Override
    protected void persistStats(Stats stats) {
        synchronized (store) {
            if (!store.isDestroyed()) {
                store.stats.put(name(), Stats.fromJson(stats.toJson()));
            }
        }
    }

    @Override
    protected Map<String, Stats> loadAllStats() {
        synchronized (live()) {
            Map<String, Stats> out = new TreeMap<>();
            store.stats.forEach((k, v) -> out.put(k, Stats.fromJson(v.toJson())));
            return out;
        }
    }
}
