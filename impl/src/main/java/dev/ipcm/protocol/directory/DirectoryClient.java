package dev.ipcm.protocol.directory;

import dev.ipcm.Message;
import dev.ipcm.NameTakenException;
import dev.ipcm.NoSuchPeerException;
import dev.ipcm.Stats;
import dev.ipcm.StoreGoneException;
import dev.ipcm.spi.AbstractClient;
import dev.ipcm.Capabilities;
import dev.ipcm.spi.ClientNames;
import dev.ipcm.spi.ConnectRequest;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.apiguardian.api.API;

/**
 * The shared half of every client whose store is a directory: on-disk names, pidfiles,
 * {@code .name}, stats, suspend and resume files, connect and reconnect checks, listing and
 * reaping of peers, and peer-change wake-ups on the route directory (the layout and its rules:
 * docs/protocols/file-stores.md).
 *
 * <p>A protocol supplies its endpoint (a directory, FIFO, socket, marker file) through three
 * hooks: {@link #isEndpoint} (the type test), {@link #createEndpoint} and
 * {@link #endpointType()} (the word used in errors), plus its transport hooks of
 * {@link AbstractClient}. Its constructor calls {@code super(...)}, sets up its own fields, and
 * then calls {@link #register()}, which registers the client and announces it.
 *
 * <p>Files this base writes are mode 0600 inside the 0700 route directory.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public abstract class DirectoryClient extends AbstractClient {
    /** A value {@link #routeVersion()} never returns. */
    protected static final long NOT_SEEN = RouteChanges.NOT_SEEN;

    private final RouteDirectory route;
    /** Set by {@link #unregister()}: from then on a vanished route only means there is nothing left to drain. */
    private boolean unregistered;
    private final String onDiskName;
    private final int nameBudget;
    private final boolean reconnecting;
    /** Whether waits are woken by inotify (false: the store parameter {@code inotify=0}, every wait polls). */
    protected final boolean watching;
    private final Registration registration;
    private final PeerEntries peers;
    private final StatsFiles statsFiles;
    private final RouteChanges changes = new RouteChanges();
    private final RecordedPids recordedPids = new RecordedPids(changes);
    private final RequeuedMessages requeued;

    /**
     * Starts a client; call {@link #register()} at the end of the subclass's constructor.
     *
     * @param nameBudget the on-disk name budget: {@link OnDiskNames#FILE_BUDGET}, or
     *     {@link OnDiskNames#socketBudget(String)} of the route for the socket protocols
     */
    protected DirectoryClient(ConnectRequest request, Capabilities capabilities, int nameBudget) {
        super(request, capabilities, persistedStats(request, capabilities, nameBudget));
        this.route = routeOf(request);
        this.nameBudget = nameBudget;
        this.onDiskName = OnDiskNames.map(name(), nameBudget, request.route());
        this.reconnecting = request.reconnect();
        this.watching = FileWatching.enabled(request);
        this.registration = new Registration(this, route, onDiskName);
        this.peers = new PeerEntries(route, onDiskName, this::isEndpoint);
        this.statsFiles = new StatsFiles(route, request.serializer());
        this.requeued = new RequeuedMessages(route, onDiskName, changes, request.serializer());
    }

    /** On reconnect, the counts persisted in {@code N.stats}; null (fresh counts) on connect. */
    private static Stats persistedStats(ConnectRequest request, Capabilities capabilities, int nameBudget) {
        if (!request.reconnect()) {
            return null;
        }
        String id = ClientNames.validate(request.name(), capabilities.maxNameLength());
        return new StatsFiles(routeOf(request), request.serializer())
                .readForReconnect(id, OnDiskNames.map(id, nameBudget, request.route()));
    }

    private static RouteDirectory routeOf(ConnectRequest request) {
        String p = request.info().protocol();
        return new RouteDirectory(Path.of(request.route()), p.substring(p.lastIndexOf(':') + 1));
    }

    // ==== protocol hooks ======================================================================

    /** The type test: whether {@code path} is an endpoint of this protocol (a directory, a FIFO...). */
    protected abstract boolean isEndpoint(Path path);

    /** Creates this client's endpoint at {@code path}; must fail with FileAlreadyExistsException if something is there. */
    protected abstract void createEndpoint(Path path) throws IOException;

    /** The word used for the endpoint in errors: {@code subdir}, {@code FIFO}, {@code UNIX Socket}... */
    protected abstract String endpointType();

    /**
     * Whether the endpoint keeps mail after its holder dies, so that a connect under the name of a
     * dead holder takes the endpoint over with its mail instead of deleting it (docs/decisions.md,
     * "Reconnect after a crash"). False by default: a FIFO or socket holds nothing once its reader is gone.
     */
    protected boolean keepsMail() {
        return false;
    }

    // ==== for subclasses ======================================================================

    /**
     * Registers the client in the route directory (connect claims the name, reconnect checks it is
     * free; see docs/protocols/file-stores.md) and starts peer tracking.
     *
     * @throws NameTakenException when a live process holds the name (connect), or the name is
     *     running elsewhere (reconnect)
     * @throws NoSuchPeerException on reconnect when the endpoint is missing
     * @throws StoreGoneException when the route directory vanished
     * @throws dev.ipcm.InvalidInfoException when the route is no store directory (see {@link PrivateRoute})
     */
    protected final void register() {
        synchronized (io) {
            route.requireStore();
            Path endpoint = endpointPath();
            if (reconnecting) {
                registration.checkReconnectable(endpoint);
            } else {
                registration.claim(endpoint);
            }
            changes.watch(route.path(), watching);
            try {
                registration.markHeld(pid());
            } catch (IOException e) {
                changes.close();
                throw route.failure("write pidfile", registration.pidFile(), e);
            }
        }
        connected();
    }

    /** This client's on-disk name ({@code N}). */
    protected final String onDiskName() {
        return onDiskName;
    }

    /** The on-disk name of any client id under this protocol's budget. */
    protected final String onDiskName(String id) {
        return OnDiskNames.map(id, nameBudget, route.path().toString());
    }

    /** The route directory. */
    protected final Path routePath() {
        return route.path();
    }

    /** This client's endpoint, {@code route/N}. */
    protected final Path endpointPath() {
        return route.entry(onDiskName);
    }

    /** A peer's endpoint if it exists and passes the type test; else empty (StoreGoneException if the store vanished). */
    protected final Optional<Path> peerEndpoint(String peer) {
        Path p = route.entry(onDiskName(peer));
        if (isEndpoint(p)) {
            return Optional.of(p);
        }
        route.requireExists();
        return Optional.empty();
    }

    /**
     * A version of the route directory's list of entries, so a protocol can keep what it looked up
     * about a peer (its endpoint, the endpoint's identity, a connection) and skip the {@code stat}
     * calls on every send: equal versions mean that no entry was created, removed or renamed in
     * between, as far as the directory watch has reported. Read the version <em>before</em> the
     * look-up it is stored with, so a change during the look-up is seen next time.
     *
     * <p>Events arrive shortly after the change (through the watch thread), so a cached look-up
     * may be briefly stale: protocols must also look again when a send fails (a peer that left
     * refuses: ECONNREFUSED, EPIPE, ENXIO), and report a peer that left as before. Without an
     * event-driven watch every call returns a new value, so nothing is ever taken as unchanged.
     * Never returns {@link #NOT_SEEN}.
     */
    protected final long routeVersion() {
        return changes.version();
    }

    /**
     * Throws {@link StoreGoneException} when the route directory was deleted while this client is
     * registered. A protocol whose endpoint stays open after its directory is gone (a FIFO, a
     * socket) calls it when a fetch finds nothing, so a receive reports the deleted store, as
     * every store does, instead of returning nothing forever; the drain of a disconnect is spared.
     */
    protected final void requireStoreWhileRegistered() {
        if (!unregistered) {
            route.requireExists();
        }
    }

    /** The error for a store whose route directory vanished. */
    protected final StoreGoneException storeGone() {
        return route.gone();
    }

    /** Whether the route directory still exists. */
    protected final boolean storeExists() {
        return route.exists();
    }

    /** An I/O failure as an exception: {@link StoreGoneException} when the route directory vanished. */
    protected final RuntimeException ioFailure(String what, Path path, IOException e) {
        return route.failure(what, path, e);
    }

    /** A recorded pid that names no running process (0 and "no pid" are not dead). */
    protected static boolean isDead(long pid) {
        return PeerEntries.isDead(pid);
    }

    /**
     * Who holds a peer's name, for errors about it: {@code pid N}, {@code pid N, not running}, or
     * {@code no pid recorded}.
     */
    protected final String holderOf(String peer) {
        OptionalLong owner = recordedPid(peer);
        if (owner.isEmpty()) {
            return "no pid recorded";
        }
        return "pid " + owner.getAsLong() + (isRunning(owner.getAsLong()) ? "" : ", not running");
    }

    // ==== peers ===============================================================================

    @Override
    protected List<String> listPeers() {
        return peers.list();
    }

    @Override
    protected boolean isRegistered(String peer) {
        return peerEndpoint(peer).isPresent();
    }

    @Override
    protected OptionalLong recordedPid(String peer) {
        return recordedPids.get(onDiskName(peer), n -> peerEndpoint(peer).isEmpty()
                ? OptionalLong.empty() : peers.recordedPid(n));
    }

    @Override
    protected Optional<BigDecimal> recordedSuspendDeadline(String peer) {
        return peers.suspendDeadline(onDiskName(peer));
    }

    /**
     * The sweep: reaps every other entry whose pidfile names a dead process. Protocols with
     * per-writer state (AtomicPipe) override this, call it, then drop theirs.
     */
    @Override
    protected int reapDeadPeers() {
        return peers.reapDead();
    }

    @Override
    protected void waitForPeerActivity(long nanos) {
        if (!changes.await(nanos)) {
            super.waitForPeerActivity(nanos);
        }
    }

    // ==== leaving =============================================================================

    /** Disconnect pre-hook: removes the endpoint so no new message can reach it. MessageFiles renames instead. */
    @Override
    protected void unregister() {
        unregistered = true;
        try {
            Sidecars.deleteTree(endpointPath());
        } catch (IOException e) {
            if (route.exists()) {
                System.getLogger("dev.ipcm").log(System.Logger.Level.WARNING,
                        "Could not remove endpoint '" + endpointPath() + "': " + e);
            }
        }
    }

    /** Disconnect post-hook: removes what is left of the endpoint; the pidfile and name file stay, as in the reference. */
    @Override
    protected void finishDisconnect() {
        try {
            removeEndpoint();
        } catch (IOException e) {
            if (route.exists()) {
                throw route.failure("remove endpoint", endpointPath(), e);
            }
        }
    }

    /** Removes the endpoint tree after the drain; MessageFiles removes its renamed directory. */
    protected void removeEndpoint() throws IOException {
        Sidecars.deleteTree(endpointPath());
    }

    @Override
    protected void markSuspended(BigDecimal expiresAt) {
        registration.markSuspended(expiresAt);
    }

    @Override
    protected void closeResources() {
        changes.close();
    }

    // ==== stats and requeued messages =========================================================

    @Override
    protected void persistStats(Stats stats) {
        statsFiles.write(onDiskName, stats);
    }

    @Override
    protected Map<String, Stats> loadAllStats() {
        return statsFiles.readAll();
    }

    @Override
    protected void storeRequeued(List<Message> messages) {
        requeued.store(messages);
    }

    @Override
    protected List<Message> takeRequeued() {
        return requeued.take(this::setAside);
    }

    @Override
    protected boolean hasRequeued() {
        return requeued.any();
    }
}
