package dev.ipcm;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ipcm.os.Os;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apiguardian.api.API;

/**
 * A store this process created: hand {@link #info()} to other processes, connect clients, and
 * {@link #close()} it to shut it down.
 *
 * <p>Shutdown (when guarded and closed by the process that spawned it) sends the configured
 * signal to every client's pid, broadcasts {@code {"terminate":1}}, waits for clients to leave
 * (60 s by default), optionally checks that every message sent was received, and destroys the
 * store.
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class Store implements AutoCloseable {
    private static final Set<Store> GUARDED = ConcurrentHashMap.newKeySet();
    private static final long CHILD_EXIT_WAIT_MILLIS = 10_000;

    static {
        // A JVM that exits without closing its guarded stores still removes them, as Perl's
        // destructors do; it does not wait for clients, which may be exiting too.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            for (Store s : GUARDED) {
                s.unspawnQuietly();
            }
        }, "ipcm-store-exit"));
    }

    private final StoreBackend backend;
    private final ConnectionInfo info;
    private final boolean sanityCheck;
    private final Duration peerTimeout;
    private volatile boolean guard;
    private volatile String signal;
    private volatile long ownerPid;
    private volatile boolean destroyed;

    Store(StoreBackend backend, SpawnOptions options) {
        this.backend = backend;
        this.info = backend.info();
        this.guard = options.guard();
        this.sanityCheck = options.sanityCheck();
        this.signal = options.signal().orElse(null);
        this.peerTimeout = options.peerTimeout();
        this.ownerPid = Os.get().pid();
        if (guard) {
            GUARDED.add(this);
            recordOwner(ownerPid);
        }
    }

    /**
     * Records next to the store who will destroy it, so the next spawn sweeps it if that process is
     * killed (docs/delivery.md, "Stores outliving their owner"); {@code 0} removes the record. A
     * failure only costs the sweep, so it is a warning.
     */
    private void recordOwner(long pid) {
        try {
            backend.recordOwner(pid);
        } catch (RuntimeException e) {
            warn("could not record the owner of store " + info + " (it will not be swept if its owner is killed): " + e);
        }
    }

    /** The info string other processes connect with. */
    public String info() {
        return info.toString();
    }

    /** The parsed connection info. */
    public ConnectionInfo connectionInfo() {
        return info;
    }

    /** What the store's protocol can do. */
    public Capabilities capabilities() {
        return backend.capabilities();
    }

    /**
     * The protocol's side of this store, which holds its protocol and serializer: ask
     * {@code dev.ipcm.spi.Stores} for those.
     */
    @API(status = API.Status.INTERNAL, since = "0.1")
    public StoreBackend backend() {
        return backend;
    }

    /** The path or DSN of the store. */
    public String route() {
        return info.route();
    }

    /** Connects a new client under {@code name}. */
    public Client connect(String name) {
        return connect(name, Map.of());
    }

    /** Connects a new client with protocol parameters (credentials, {@code listen}, ...). */
    public Client connect(String name, Map<String, String> params) {
        return backend.connect(name, params, false);
    }

    /** Re-attaches a suspended client. */
    public Client reconnect(String name) {
        return backend.connect(name, Map.of(), true);
    }

    /** Keeps the store after close and after this JVM exits; destroy it later with {@link #unspawn()}. */
    public Store keep() {
        if (guard && !destroyed) {
            recordOwner(0); // nobody destroys a kept store, so no sweep may either
        }
        guard = false;
        GUARDED.remove(this);
        return this;
    }

    /** Whether close shuts the store down. */
    public boolean isGuarded() {
        return guard;
    }

    /** The signal sent to clients at shutdown, if any. */
    public String signal() {
        return signal;
    }

    /** Sets the signal sent to every client's pid at shutdown ({@code null} for none). */
    public Store signal(String name) {
        if (name != null) {
            Os.get().signalNumber(name); // fail now on a bad name, not at shutdown
        }
        this.signal = name;
        return this;
    }

    /** The pid whose close shuts the store down. */
    public long ownerPid() {
        return ownerPid;
    }

    /**
     * Moves ownership to a new detached process, the Java form of IPC::Manager's {@code cleave}:
     * starts a JVM with this JVM's class path in a session of its own ({@code setsid} when the
     * machine has it) running {@code ownerMain} with the info string followed by {@code args},
     * and makes its pid the owner, so this process's close and shutdown no longer act. Java cannot
     * continue the caller's code in two processes, so what the new owner does is its main class.
     *
     * @return the new owner's pid
     * @throws IpcmException when the process cannot be started
     */
    @API(status = API.Status.EXPERIMENTAL, since = "0.1")
    public long cleave(Class<?> ownerMain, String... args) {
        java.util.List<String> cmd = new java.util.ArrayList<>();
        if (java.nio.file.Files.isExecutable(java.nio.file.Path.of("/usr/bin/setsid"))) {
            cmd.add("/usr/bin/setsid"); // not a group leader, so setsid execs in place: the pid stays the same
        }
        java.util.List<String> jvmArgs = new java.util.ArrayList<>();
        jvmArgs.add(info());
        jvmArgs.addAll(java.util.List.of(args));
        cmd.addAll(IpcmFacade.get().childJvmCommand(ownerMain, jvmArgs));
        try {
            Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            transferOwnership(p.pid());
            return p.pid();
        } catch (java.io.IOException e) {
            throw new IpcmException("Could not start a new owner process for store " + info + ": " + e.getMessage(), e);
        }
    }

    /**
     * Hands ownership to another process (e.g. a child JVM); this process's close then does nothing.
     * The owner record next to a guarded store names that process from now on, so a store whose new
     * owner is killed is swept by a later spawn.
     */
    public void transferOwnership(long pid) {
        this.ownerPid = pid;
        if (guard && !destroyed) {
            recordOwner(pid); // the new owner's death, not this process's, leaves the store to sweep
        }
    }

    /**
     * Sends the signal (if set) to every peer's pid, then broadcasts {@code {"terminate":1}}.
     *
     * @param con the client to send from
     */
    public void terminate(Client con) {
        if (signal != null) {
            long self = Os.get().pid();
            for (String peer : con.peers()) {
                try {
                    long pid = localPid(con, peer);
                    if (pid > 0 && pid != self) {
                        Os.get().kill(pid, signal);
                    }
                } catch (RuntimeException e) {
                    warn("could not signal peer '" + peer + "': " + e.getMessage());
                }
            }
        }
        ObjectNode terminate = ValuesFacade.get().mapper().createObjectNode().put("terminate", 1);
        con.broadcast(terminate);
    }

    /**
     * Sent minus received for every pair of clients, keyed {@code "A -> B"}; empty when every
     * message sent was received. Meaningful once every client has disconnected. {@code con}
     * writes its own counts first: a store of the Perl reference reads every peer's counts and
     * fails on one that has written none yet, which the just-connected {@code con} is.
     */
    public Map<String, Long> sanityDelta(Client con) {
        con.writeStats();
        Map<String, Long> delta = new TreeMap<>();
        for (Map.Entry<String, Stats> e : con.allStats().entrySet()) {
            String client = e.getKey();
            e.getValue().sent().forEach((to, n) -> delta.merge(client + " -> " + to, n, Long::sum));
            e.getValue().read().forEach((from, n) -> delta.merge(from + " -> " + client, -n, Long::sum));
        }
        delta.values().removeIf(v -> v == 0);
        return delta;
    }

    /**
     * Shuts the store down now (terminate, wait for clients, optional sanity check, destroy),
     * whether guarded or not, if this process owns it.
     *
     * @throws SanityCheckException when the sanity check is on and counts do not match; the
     *     store is destroyed all the same
     */
    public void shutdown() {
        if (destroyed || ownerPid != Os.get().pid()) {
            return;
        }
        SanityCheckException sanity = null;
        try {
            Client con = connect("spawn");
            try {
                Set<Long> pids = peerPids(con);
                terminate(con);
                waitForPeers(con, pids);
                if (sanityCheck) {
                    Map<String, Long> delta = sanityDelta(con);
                    if (!delta.isEmpty()) {
                        StringBuilder b = new StringBuilder("\nMessages sent vs received mismatch:\n"
                                + "    Positive means sent and not received\n"
                                + "    Negative means received more than sent\n");
                        delta.forEach((k, v) -> b.append("    ").append(v > 0 ? "+" + v : v).append(' ').append(k).append('\n'));
                        sanity = new SanityCheckException(b.toString());
                    }
                }
            } finally {
                try {
                    con.disconnect(messages -> { });
                } catch (RuntimeException e) {
                    warn("could not disconnect the shutdown client: " + e.getMessage());
                }
            }
        } catch (StoreGoneException e) {
            warn("store already gone at shutdown: " + e.getMessage());
        } finally {
            unspawn();
        }
        if (sanity != null) {
            throw sanity;
        }
    }

    /** A peer's pid when it names a process of this host; 0 for a peer of another host (or none recorded). */
    private static long localPid(Client con, String peer) {
        if (con.peerHost(peer).map(h -> !h.local()).orElse(false)) {
            return 0; // its number belongs to another process table: signalling or waiting for it would hit a stranger
        }
        return con.peerPid(peer).orElse(0);
    }

    private Set<Long> peerPids(Client con) {
        Set<Long> pids = new LinkedHashSet<>();
        long self = Os.get().pid();
        for (String peer : con.peers()) {
            try {
                long p = localPid(con, peer);
                if (p > 0 && p != self) {
                    pids.add(p);
                }
            } catch (RuntimeException ignored) {
                // A peer that vanished between listing and lookup has nothing to wait for.
            }
        }
        return pids;
    }

    private void waitForPeers(Client con, Set<Long> pids) {
        for (Client local : backend.openClients()) {
            if (local != con) {
                try {
                    local.disconnect(messages -> { });
                } catch (RuntimeException e) {
                    warn("could not disconnect local client '" + local.name() + "': " + e.getMessage());
                }
            }
        }
        long deadline = System.nanoTime() + peerTimeout.toNanos();
        List<String> left = con.peers();
        while (!left.isEmpty()) {
            for (String peer : left) {
                long p = localPid(con, peer);
                if (p > 0 && p != Os.get().pid()) {
                    pids.add(p);
                }
            }
            long rest = deadline - System.nanoTime();
            if (rest <= 0) {
                warn("gave up waiting for clients to disconnect after " + peerTimeout.toSeconds() + "s: " + left);
                break;
            }
            con.awaitPeerChange(Duration.ofNanos(Math.min(rest, TimeUnit.MILLISECONDS.toNanos(200))));
            left = con.peers();
        }
        long childDeadline = System.currentTimeMillis() + CHILD_EXIT_WAIT_MILLIS;
        for (long pid : pids) {
            ProcessHandle.of(pid).filter(h -> h.parent().map(p -> p.pid() == Os.get().pid()).orElse(false))
                    .ifPresent(h -> {
                        try {
                            h.onExit().get(Math.max(1, childDeadline - System.currentTimeMillis()), TimeUnit.MILLISECONDS);
                        } catch (Exception ignored) {
                            // A child still running after the deadline is left to the caller.
                        }
                    });
        }
    }

    /** Destroys the store now, without terminating or waiting for clients. */
    public void unspawn() {
        if (destroyed) {
            return;
        }
        destroyed = true;
        GUARDED.remove(this);
        backend.unspawn();
    }

    private void unspawnQuietly() {
        try {
            if (ownerPid == Os.get().pid()) {
                unspawn();
            }
        } catch (RuntimeException ignored) {
            // At exit there is nobody left to tell.
        }
    }

    /** Whether the store has been destroyed. */
    public boolean isDestroyed() {
        return destroyed;
    }

    /** Shuts the store down if it is guarded and this process owns it; otherwise does nothing. */
    @Override
    public void close() {
        if (guard) {
            shutdown();
        }
    }

    private static void warn(String text) {
        System.getLogger("dev.ipcm").log(System.Logger.Level.WARNING, text);
    }

    @Override
    public String toString() {
        return "Store[" + info + "]";
    }
}
