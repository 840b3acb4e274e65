package dev.ipcm.protocol.directory;

import dev.ipcm.ContentException;
import dev.ipcm.IpcmException;
import dev.ipcm.Message;
import dev.ipcm.NameTakenException;
import dev.ipcm.NoSuchPeerException;
import dev.ipcm.Stats;
import dev.ipcm.StoreGoneException;
import dev.ipcm.serial.Serializer;
import dev.ipcm.spi.AbstractClient;
import dev.ipcm.spi.Capabilities;
import dev.ipcm.spi.ClientNames;
import dev.ipcm.spi.ConnectRequest;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apiguardian.api.API;

/**
 * The shared half of every client whose store is a directory (spec 02 §1): on-disk names,
 * pidfiles, {@code .name}, stats, suspend and resume files, connect and reconnect checks,
 * listing and reaping of peers, and peer-change wake-ups on the route directory.
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
    private final RouteDirectory route;
    private final String onDiskName;
    private final int nameBudget;
    private final boolean reconnecting;
    private final ResumeFile resume;
    private final AtomicLong unwatchedVersions = new AtomicLong();
    private volatile DirectoryWatch peerWatch;
    // The route version at which the resume file was last found absent (NOT_SEEN: ask the file system).
    private long resumeAbsentAt = NOT_SEEN;

    /** A value {@link #routeVersion()} never returns. */
    protected static final long NOT_SEEN = Long.MIN_VALUE;

    /**
     * Starts a client; call {@link #register()} at the end of the subclass's constructor.
     *
     * @param nameBudget the on-disk name budget: {@link OnDiskNames#FILE_BUDGET}, or
     *     {@link OnDiskNames#socketBudget(String)} of the route for the socket protocols
     */
    protected DirectoryClient(ConnectRequest request, Capabilities capabilities, int nameBudget) {
        super(request, capabilities, persistedStats(request, capabilities, nameBudget));
        this.route = new RouteDirectory(Path.of(request.route()), protocolName(request));
        this.nameBudget = nameBudget;
        this.onDiskName = OnDiskNames.map(name(), nameBudget, request.route());
        this.reconnecting = request.reconnect();
        this.resume = new ResumeFile(route.sidecar(onDiskName, ".resume"),
                route.entry("_" + onDiskName + ".resume.corrupt"), request.serializer());
    }

    /**
     * On reconnect, the counts persisted in {@code N.stats}; a client that never wrote them (it was
     * killed) cannot be reconnected, as in the reference (spec 01 §11 #13): connect afresh instead.
     */
    private static Stats persistedStats(ConnectRequest request, Capabilities capabilities, int nameBudget) {
        if (!request.reconnect()) {
            return null;
        }
        String id = ClientNames.validate(request.name(), capabilities.maxNameLength());
        RouteDirectory dir = new RouteDirectory(Path.of(request.route()), protocolName(request));
        dir.requireExists();
        Path file = dir.sidecar(OnDiskNames.map(id, nameBudget, request.route()), ".stats");
        byte[] bytes;
        try {
            bytes = Sidecars.read(file).orElseThrow(() -> new NoSuchPeerException("Could not open stats file '" + file
                    + "': client '" + id + "' never suspended or disconnected on this store (a client that was killed "
                    + "cannot be reconnected); connect it instead, which clears a dead registration"));
        } catch (IOException e) {
            throw dir.failure("read stats file", file, e);
        }
        return decodeStats(request.serializer(), bytes, file);
    }

    private static Stats decodeStats(Serializer serializer, byte[] bytes, Path file) {
        try {
            return Stats.fromJson(serializer.deserialize(bytes));
        } catch (ContentException | NumberFormatException e) {
            throw new ContentException("Stats file '" + file + "' is not a valid " + serializer.referenceName()
                    + " payload (" + e.getMessage() + "); delete it if it is damaged", e);
        }
    }

    private static String protocolName(ConnectRequest request) {
        String p = request.info().protocol();
        return p.substring(p.lastIndexOf(':') + 1);
    }

    // ==== protocol hooks ======================================================================

    /** The type test: whether {@code path} is an endpoint of this protocol (a directory, a FIFO...). */
    protected abstract boolean isEndpoint(Path path);

    /** Creates this client's endpoint at {@code path}; must fail with FileAlreadyExistsException if something is there. */
    protected abstract void createEndpoint(Path path) throws IOException;

    /** The word used for the endpoint in errors: {@code subdir}, {@code FIFO}, {@code UNIX Socket}... */
    protected abstract String endpointType();

    // ==== for subclasses ======================================================================

    /**
     * Registers the client in the route directory (spec 02 §1.4 for connect, §1.5 for reconnect)
     * and starts peer tracking.
     *
     * @throws NameTakenException when a live process holds the name (connect), or the name is
     *     running elsewhere (reconnect)
     * @throws NoSuchPeerException on reconnect when the endpoint is missing
     * @throws StoreGoneException when the route directory vanished
     */
    protected final void register() {
        synchronized (io) {
            route.requireExists();
            Path endpoint = endpointPath();
            if (reconnecting) {
                checkReconnectable(endpoint);
            } else {
                claim(endpoint);
            }
            peerWatch = DirectoryWatch.arrivalsAndDepartures(route.path());
            try {
                Sidecars.writeAtomically(route.sidecar(onDiskName, ".pid"), Sidecars.formatPid(pid()));
                Sidecars.deleteIfExists(route.sidecar(onDiskName, ".suspend"));
            } catch (IOException e) {
                peerWatch.close();
                throw route.failure("write pidfile", route.sidecar(onDiskName, ".pid"), e);
            }
        }
        connected();
    }

    private void claim(Path endpoint) {
        try {
            if (Files.exists(endpoint, LinkOption.NOFOLLOW_LINKS)) {
                OptionalLong owner = Sidecars.readPid(route.sidecar(onDiskName, ".pid"));
                if (owner.isPresent() && isDead(owner.getAsLong())) {
                    reap(onDiskName);
                } else {
                    throw taken(owner);
                }
            }
            try {
                createEndpoint(endpoint);
            } catch (FileAlreadyExistsException e) {
                throw taken(OptionalLong.empty());
            }
            if (!onDiskName.equals(name())) {
                Sidecars.writeAtomically(route.sidecar(onDiskName, ".name"), name().getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw route.failure("create endpoint", endpoint, e);
        }
    }

    private NameTakenException taken(OptionalLong owner) {
        return new NameTakenException(name() + " " + endpointType() + " already exists in " + route.path()
                + (owner.isPresent() ? " (held by running pid " + owner.getAsLong() + ")"
                        : " (suspended, or being set up by another process)")
                + "; choose another name, or reconnect if it is a suspended client of yours");
    }

    private void checkReconnectable(Path endpoint) {
        if (!isEndpoint(endpoint)) {
            throw new NoSuchPeerException(name() + " " + endpointType() + " does not exist in " + route.path()
                    + ": it disconnected or was reaped; connect it afresh instead of reconnecting");
        }
        try {
            OptionalLong owner = Sidecars.readPid(route.sidecar(onDiskName, ".pid"));
            if (owner.isPresent() && owner.getAsLong() > 0 && isRunning(owner.getAsLong())) {
                throw new NameTakenException("Looks like the connection is already running in pid " + owner.getAsLong()
                        + " for '" + name() + "'; only a suspended client can be reconnected");
            }
        } catch (IOException e) {
            throw route.failure("read pidfile", route.sidecar(onDiskName, ".pid"), e);
        }
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
        DirectoryWatch w = peerWatch;
        if (w == null || !w.isEventDriven()) {
            return -unwatchedVersions.incrementAndGet();
        }
        return w.changes();
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
        return pid > 0 && !isRunning(pid);
    }

    // ==== peers ===============================================================================

    @Override
    protected List<String> listPeers() {
        List<String> out = new ArrayList<>();
        for (String e : route.list()) {
            if (!isCandidate(e) || !isEndpoint(route.entry(e))) {
                continue;
            }
            try {
                OptionalLong owner = Sidecars.readPid(route.sidecar(e, ".pid"));
                if (owner.isPresent() && isDead(owner.getAsLong())) {
                    continue;
                }
                out.add(Sidecars.readName(route.sidecar(e, ".name")).orElse(e));
            } catch (IOException ex) {
                throw route.failure("read sidecars of", route.entry(e), ex);
            }
        }
        out.sort(null);
        return out;
    }

    /**
     * Whether a directory entry may be a client: not our own, not hidden ({@code .}), not being
     * torn down ({@code _}), not a sidecar. Unlike the reference we also skip {@code .pend}
     * files, so a half-written sidecar is never taken for a peer (only our listing is affected).
     */
    private boolean isCandidate(String entry) {
        if (entry.equals(onDiskName) || entry.startsWith(".") || entry.startsWith("_") || entry.endsWith(Sidecars.PEND)) {
            return false;
        }
        return !hasSidecarSuffix(entry);
    }

    private static boolean hasSidecarSuffix(String entry) {
        for (String s : Sidecars.SUFFIXES) {
            if (entry.endsWith(s)) {
                return true;
            }
        }
        return false;
    }

    @Override
    protected boolean isRegistered(String peer) {
        return peerEndpoint(peer).isPresent();
    }

    @Override
    protected OptionalLong recordedPid(String peer) {
        if (peerEndpoint(peer).isEmpty()) {
            return OptionalLong.empty();
        }
        Path file = route.sidecar(onDiskName(peer), ".pid");
        try {
            OptionalLong p = Sidecars.readPid(file);
            return p.isPresent() && p.getAsLong() == 0 ? OptionalLong.empty() : p;
        } catch (IOException e) {
            throw route.failure("read pidfile", file, e);
        }
    }

    @Override
    protected Optional<BigDecimal> recordedSuspendDeadline(String peer) {
        Path file = route.sidecar(onDiskName(peer), ".suspend");
        try {
            return Sidecars.readDeadline(file);
        } catch (IOException e) {
            throw route.failure("read suspend file", file, e);
        }
    }

    /**
     * The sweep of spec 02 §1.7: reaps every other entry whose pidfile names a dead process.
     * Protocols with per-writer state (AtomicPipe) override this, call it, then drop theirs.
     */
    @Override
    protected int reapDeadPeers() {
        int reaped = 0;
        for (String e : route.list()) {
            if (e.equals(onDiskName) || e.startsWith(".") || e.startsWith("_") || hasSidecarSuffix(e)) {
                continue;
            }
            try {
                OptionalLong owner = Sidecars.readPid(route.sidecar(e, ".pid"));
                if (owner.isPresent() && isDead(owner.getAsLong())) {
                    reap(e);
                    reaped++;
                }
            } catch (IOException ex) {
                throw route.failure("reap", route.entry(e), ex);
            }
        }
        return reaped;
    }

    /** Removes everything of on-disk name {@code n}: the endpoint tree and every sidecar with its {@code .pend}. */
    private void reap(String n) throws IOException {
        Sidecars.deleteTree(route.entry(n));
        for (String suffix : Sidecars.SUFFIXES) {
            Sidecars.deleteIfExists(route.sidecar(n, suffix));
            Sidecars.deleteIfExists(route.sidecar(n, suffix + Sidecars.PEND));
        }
    }

    @Override
    protected void waitForPeerActivity(long nanos) {
        DirectoryWatch w;
        synchronized (io) {
            w = peerWatch;
        }
        if (w == null) {
            super.waitForPeerActivity(nanos);
        } else {
            w.await(nanos);
        }
    }

    // ==== leaving =============================================================================

    /** Disconnect pre-hook: removes the endpoint so no new message can reach it. MessageFiles renames instead. */
    @Override
    protected void unregister() {
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
        byte[] deadline;
        try {
            deadline = expiresAt == null ? null : Sidecars.formatDeadline(expiresAt);
        } catch (IllegalArgumentException e) {
            throw new IpcmException("Cannot suspend '" + name() + "': " + e.getMessage()
                    + "; pass a deadline after 1970-01-01 (nothing was changed)", e);
        }
        Path pidFile = route.sidecar(onDiskName, ".pid");
        try {
            Files.delete(pidFile);
        } catch (IOException e) {
            throw route.failure("unlink pidfile", pidFile, e);
        }
        if (deadline != null) {
            Path file = route.sidecar(onDiskName, ".suspend");
            try {
                Sidecars.writeAtomically(file, deadline);
            } catch (IOException e) {
                throw route.failure("write suspend file", file, e);
            }
        }
    }

    @Override
    protected void closeResources() {
        if (peerWatch != null) {
            peerWatch.close();
        }
    }

    // ==== stats ===============================================================================

    /** Writes {@code N.stats} directly (truncate and write); silent once the store is gone. */
    @Override
    protected void persistStats(Stats stats) {
        Path file = route.sidecar(onDiskName, ".stats");
        try {
            Sidecars.writeDirect(file, serializer().serialize(stats.toJson()));
        } catch (IOException e) {
            if (route.exists()) {
                throw route.failure("write stats file", file, e);
            }
        }
    }

    @Override
    protected Map<String, Stats> loadAllStats() {
        Map<String, Stats> out = new TreeMap<>();
        for (String e : route.list()) {
            if (!e.endsWith(".stats")) {
                continue;
            }
            String n = e.substring(0, e.length() - ".stats".length());
            Path file = route.entry(e);
            try {
                Optional<byte[]> bytes = Sidecars.read(file);
                if (bytes.isPresent()) {
                    out.put(Sidecars.readName(route.sidecar(n, ".name")).orElse(n),
                            decodeStats(serializer(), bytes.get(), file));
                }
            } catch (IOException ex) {
                throw route.failure("read stats file", file, ex);
            }
        }
        return out;
    }

    // ==== requeue: the resume file =============================================================

    @Override
    protected void storeRequeued(List<Message> messages) {
        resumeAbsentAt = NOT_SEEN;
        try {
            resume.append(messages);
        } catch (IOException e) {
            throw route.failure("append to resume file", route.sidecar(onDiskName, ".resume"), e);
        }
    }

    /**
     * Every receive asks for the resume file; it is looked for again only when this client requeued
     * or an entry of the route directory was created or removed since it was last found absent (so
     * a steady stream of messages costs no {@code stat} here).
     */
    @Override
    protected List<Message> takeRequeued() {
        long version = routeVersion();
        if (version == resumeAbsentAt) {
            return List.of();
        }
        try {
            List<Message> taken = resume.takeAll(this::setAside);
            resumeAbsentAt = version;
            return taken;
        } catch (IOException e) {
            throw route.failure("read resume file", route.sidecar(onDiskName, ".resume"), e);
        }
    }

    @Override
    protected boolean hasRequeued() {
        long version = routeVersion();
        if (version == resumeAbsentAt) {
            return false;
        }
        boolean there = resume.exists();
        if (!there) {
            resumeAbsentAt = version;
        }
        return there;
    }
}
