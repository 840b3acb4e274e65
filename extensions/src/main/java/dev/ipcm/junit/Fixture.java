package dev.ipcm.junit;

import dev.ipcm.Client;
import dev.ipcm.Ipcm;
import dev.ipcm.IpcmException;
import dev.ipcm.MessagesWaitingException;
import dev.ipcm.SpawnOptions;
import dev.ipcm.Store;
import dev.ipcm.service.ServiceHandle;
import dev.ipcm.spi.Protocol;
import dev.ipcm.spi.Protocols;
import dev.ipcm.spi.Stores;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One store the harness spawned for a test (or a class, or a property try), closed by the test
 * engine. It also checks, before closing, that every message sent on it was received.
 */
final class Fixture implements AutoCloseable {
    private static final AtomicLong SANITY_NAMES = new AtomicLong();

    private final Protocol protocol;
    private final Store store;
    private final IpcmConfiguration config;
    private EchoFixture echo;

    private Fixture(Protocol protocol, Store store, IpcmConfiguration config) {
        this.protocol = protocol;
        this.store = store;
        this.config = config;
    }

    /** Spawns a fresh store as the plan says. */
    static Fixture spawn(BackendPlan plan, IpcmConfiguration config) {
        Protocol protocol = plan.protocol().orElseThrow();
        SpawnOptions options = SpawnOptions.defaults().protocol(spawnName(protocol)).serializer(config.serializer())
                .peerTimeout(config.shutdownTimeout());
        plan.spawnParams().forEach(options::param);
        return new Fixture(protocol, Ipcm.spawn(options), config);
    }

    /** A name that finds this very protocol again: its short name if registered, else {@code +} and its class (a plugin named by class). */
    private static String spawnName(Protocol protocol) {
        Protocol registered = Protocols.all().get(protocol.name());
        return registered != null && registered.getClass() == protocol.getClass() ? protocol.name()
                : "+" + protocol.getClass().getName();
    }

    Protocol protocol() {
        return protocol;
    }

    Store store() {
        return store;
    }

    /** The store's Echo service, started on first use. */
    synchronized ServiceHandle echo() {
        if (echo == null) {
            echo = EchoFixture.start(store, config);
        }
        return echo.handle();
    }

    private synchronized void stopEcho() {
        if (echo != null) {
            echo.stop(store, config.shutdownTimeout());
        }
    }

    /**
     * Disconnects every client this JVM still has on the store (so their counts are persisted)
     * and returns the sent-minus-received mismatch, empty when balanced or when the store is
     * already gone.
     */
    Map<String, Long> settle() {
        if (store.isDestroyed()) {
            return Map.of();
        }
        stopEcho();
        for (Client c : Stores.openClients(store)) {
            Clients.disconnectQuietly(c);
        }
        Client probe;
        try {
            probe = store.connect("ipcm-sanity-" + SANITY_NAMES.incrementAndGet());
        } catch (IpcmException e) {
            return Map.of(); // the test destroyed or broke the store itself; nothing left to compare
        }
        try {
            return store.sanityDelta(probe);
        } finally {
            Clients.disconnectQuietly(probe);
        }
    }

    /** The failure text for a mismatch. */
    String mismatch(Map<String, Long> delta) {
        StringBuilder b = new StringBuilder("Messages sent vs received mismatch on the ").append(protocol.name())
                .append(" store (positive = sent and never received, negative = received more than sent):");
        delta.forEach((k, v) -> b.append("\n    ").append(v > 0 ? "+" + v : String.valueOf(v)).append(' ').append(k));
        b.append("\nReceive every message a test sends, or mark the test @IgnoreSanityCheck(\"why\").");
        return b.toString();
    }

    /**
     * Shuts the store down. When no other process is still connected (only this JVM's own
     * suspended clients, or dead ones, are left), it is destroyed at once: shutdown would
     * otherwise wait its whole peer timeout for clients that can never leave.
     */
    @Override
    public void close() {
        if (store.isDestroyed()) {
            return;
        }
        stopEcho();
        if (onlyLocalOrDeadPeersLeft()) {
            store.unspawn();
        } else {
            store.close();
        }
    }

    private boolean onlyLocalOrDeadPeersLeft() {
        Client probe;
        try {
            probe = store.connect("ipcm-close-" + SANITY_NAMES.incrementAndGet());
        } catch (IpcmException e) {
            return true; // nothing can connect any more, so nothing can be waited for
        }
        try {
            long self = ProcessHandle.current().pid();
            for (String peer : probe.peers()) {
                long pid = probe.peerPid(peer).orElse(0);
                if (pid != self && probe.peerActive(peer)) {
                    return false;
                }
            }
            return true;
        } finally {
            Clients.disconnectQuietly(probe);
        }
    }

    /** Disconnect without failing: the harness is cleaning up, unread messages show in the sanity check. */
    static final class Clients {
        private Clients() {}

        static void disconnectQuietly(Client c) {
            try {
                c.disconnect();
            } catch (MessagesWaitingException e) {
                // Counted as unread by the client; the sanity check reports it.
            } catch (RuntimeException e) {
                System.getLogger("dev.ipcm.junit").log(System.Logger.Level.WARNING,
                        "could not disconnect client '" + c.name() + "': " + e.getMessage());
            }
        }
    }
}
