package dev.ipcm.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ipcm.Client;
import dev.ipcm.ClientClosedException;
import dev.ipcm.Ipcm;
import dev.ipcm.IpcmException;
import dev.ipcm.Message;
import dev.ipcm.NoSuchPeerException;
import dev.ipcm.os.Os;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apiguardian.api.API;

/**
 * A service: one named client on a store running an event loop that answers requests and reacts
 * to messages, peers coming and going, signals, child exits, a timer and watched pids.
 *
 * <p>A subclass supplies {@link #handleRequest(Request)} and overrides the {@code runOn...}
 * callbacks it needs; {@link Service} is the ready-made subclass configured with lambdas, and
 * {@link EchoService} the smallest example. {@link #run()} runs the loop on the calling thread
 * until something terminates it and returns the exit code: a terminate message, a watched pid
 * dying, {@link #runShouldEnd()}, or {@link #terminate(int)}.
 *
 * <p>One pass of the loop waits (at most one {@link #cycle()}) for activity, then dispatches it
 * in a fixed order: {@code onAll}, signals, exited children, watched pids (which end the loop at
 * once), interval, peer delta, messages (requests, responses, the rest), whatever is left
 * ({@code onUnhandled}), and {@code shouldEnd}.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public abstract class AbstractService {
    /** Returned by {@link #handleRequest} to send no response now (answer later with {@link #sendResponse}). */
    public static final Object NO_RESPONSE = new Object() {
        @Override
        public String toString() {
            return "NO_RESPONSE";
        }
    };

    /** The default longest single wait of the loop. */
    public static final Duration DEFAULT_CYCLE = Duration.ofMillis(200);
    /** The default period of the interval activity. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofMillis(200);
    /** The error text sent for a failed request when details are not exposed. */
    public static final String GENERIC_ERROR = "Internal service error";

    private static final long FLUSH_AT_END_NANOS = TimeUnit.SECONDS.toNanos(5);
    private static final long LATE_SIGNAL_GRACE_NANOS = TimeUnit.MILLISECONDS.toNanos(250);
    private static final ThreadLocal<AbstractService> CURRENT = new ThreadLocal<>();
    private static volatile AbstractService processService;

    private final ServiceParams params;
    private final String name;
    private final String ipcmInfo;
    private volatile long pid;
    private final List<Long> watchPids;
    private final Duration cycle;
    private final Duration interval;
    private final boolean usePosixExit;
    private final boolean interceptErrors;
    private final boolean exposeErrorDetails;
    private final boolean runReturnsToCaller;
    private final JsonNode redirect;
    private volatile PrintStream origErr;

    private volatile Client client;
    private volatile Map<String, String> connectParams = Map.of();
    private long lastInterval;
    private Set<String> previousPeers;
    private long lastPeerListing;
    private volatile Integer termination;
    private volatile boolean running;
    private Inbox inbox;
    private SignalTrap signals;
    private ChildProcesses children;
    private Requests requests;
    private Map<String, ServicePeer> peerCache;

    /**
     * A service from parameters: {@code name} and {@code ipcm_info} are required; {@code cycle},
     * {@code interval} (seconds), {@code watch_pids}, {@code intercept_errors},
     * {@code expose_error_details}, {@code use_posix_exit}, {@code run_returns_to_caller},
     * {@code redirect} and {@code pid} are optional.
     *
     * @throws ServiceConfigException naming a missing or malformed parameter
     */
    protected AbstractService(ServiceParams params) {
        this.params = params;
        this.name = params.name();
        this.ipcmInfo = params.ipcmInfo();
        this.pid = params.has("pid") ? params.get("pid").asLong() : Os.get().pid();
        this.watchPids = List.copyOf(params.pids("watch_pids"));
        this.cycle = params.seconds("cycle").orElse(DEFAULT_CYCLE);
        this.interval = params.seconds("interval").orElse(DEFAULT_INTERVAL);
        this.usePosixExit = params.flag("use_posix_exit");
        this.interceptErrors = params.flag("intercept_errors");
        this.exposeErrorDetails = params.flag("expose_error_details");
        this.runReturnsToCaller = params.flag("run_returns_to_caller");
        this.redirect = params.get("redirect");
        clearServiceFields();
    }

    /** A service with only a name and a store's info string. */
    protected AbstractService(String name, String ipcmInfo) {
        this(ServiceParams.of(name, ipcmInfo));
    }

    // ==== what a service supplies ============================================================

    /**
     * Answers one request. Return the response value (any JSON-mappable value, null included), or
     * {@link #NO_RESPONSE} to answer later with {@link #sendResponse}. An exception becomes an
     * error response ({@code ipcm_error}); the loop carries on.
     */
    protected abstract Object handleRequest(Request request) throws Exception;

    /**
     * Receives a response to a request this service sent. The default hands it to the request
     * book-keeping (a registered callback runs; otherwise it is kept for {@link #getResponse}),
     * which throws {@link UnexpectedResponseException} for a response nobody asked for.
     */
    protected void handleResponse(Response response) throws Exception {
        dispatchResponse(response);
    }

    /** Hands a response to the request book-keeping; for subclasses that override {@link #handleResponse}. */
    public final void dispatchResponse(Response response) throws Exception {
        requests.handle(response);
    }

    // ==== callbacks (no-ops unless overridden) ================================================

    /** Sees the whole activity map of a pass before anything is dispatched; may remove or add kinds. */
    protected void runOnAll(Activity activity) throws Exception {}

    /** Runs once before the loop (before the service registers on the bus, unless it uses the client). */
    protected void runOnStart() throws Exception {}

    /** Runs every {@link #interval()}. */
    protected void runOnInterval() throws Exception {}

    /** Runs once after the loop. */
    protected void runOnCleanup() throws Exception {}

    /** Receives a message that is neither a request nor a response (terminate messages included). */
    protected void runOnGeneralMessage(Message message) throws Exception {}

    /** Receives peers that arrived (+1) or left (-1) since the previous pass. */
    protected void runOnPeerDelta(Map<String, Integer> delta) throws Exception {}

    /** Receives a non-worker child process that exited, with its raw wait status ({@link WaitStatus}). */
    protected void runOnPid(long pid, int status) throws Exception {}

    /** Receives a grabbed signal (once per pass however often it arrived). */
    protected void runOnSig(String signal) throws Exception {}

    /** Whether the loop should end after this pass. */
    protected boolean runShouldEnd() throws Exception {
        return false;
    }

    /**
     * Receives the activity kinds nothing consumed. The default throws: a service that does not
     * expect other activity should fail loudly rather than ignore it.
     */
    protected void runOnUnhandled(Activity activity) throws Exception {
        if (!activity.isEmpty()) {
            throw new ServiceFailedException("Failed to handle activity: " + String.join(", ", activity.keys()));
        }
    }

    /** Signal names to grab while {@link #run()} is active (bare names: {@code USR1}, {@code TERM}). */
    public Set<String> signalsToGrab() {
        return Set.of();
    }

    /** Runs in the launching process before the service process starts. */
    protected void preLaunchHook() throws Exception {}

    /**
     * Runs in the service process before the service starts; may relaunch the service as a further
     * process with {@link LaunchContext#daemonize} or {@link LaunchContext#interpose}.
     */
    protected void postLaunchHook(LaunchContext context) throws Exception {}

    // ==== settings ============================================================================

    /** The service's client name on the bus. */
    public String name() {
        return name;
    }

    /** The store's info string. */
    public String ipcmInfo() {
        return ipcmInfo;
    }

    /** The parameters the service was built from. */
    public ServiceParams params() {
        return params;
    }

    /** The process the service is confined to. */
    public long pid() {
        return pid;
    }

    /** Confines the service to another process (the launcher sets it to the process that runs it). */
    public void setPid(long value) {
        this.pid = value;
    }

    /** Pids whose death ends the service. */
    public List<Long> watchPids() {
        return watchPids;
    }

    /** The longest single wait of the loop (0.2 s by default). */
    public Duration cycle() {
        return cycle;
    }

    /** The period of {@link #runOnInterval()} (0.2 s by default). */
    public Duration interval() {
        return interval;
    }

    /** Whether the service process ends without clean-up (no disconnect, no shutdown hooks). */
    public boolean usePosixExit() {
        return usePosixExit;
    }

    /** Whether exceptions from callbacks are reported and survived instead of ending the loop. */
    public boolean interceptErrors() {
        return interceptErrors;
    }

    /** Whether a failed request's error response carries the exception text. */
    public boolean exposeErrorDetails() {
        return exposeErrorDetails;
    }

    /** Whether a launched service process returns from its entry point instead of exiting. */
    public boolean runReturnsToCaller() {
        return runReturnsToCaller;
    }

    /** The {@code redirect} value, only stored and passed on to nested services. */
    public Optional<JsonNode> redirect() {
        return Optional.ofNullable(redirect);
    }

    /** Sends {@link #debug} output to this stream instead of standard error. */
    public void setDebugStream(PrintStream stream) {
        this.origErr = stream;
    }

    // ==== state ===============================================================================

    /** Resets all run state: client, timers, peers, signal counts, termination, workers, requests. */
    public final void clearServiceFields() {
        client = null;
        lastInterval = 0;
        previousPeers = null;
        lastPeerListing = 0;
        termination = null;
        inbox = new Inbox();
        signals = new SignalTrap(this::wake);
        children = new ChildProcesses(this::wake);
        requests = new Requests();
        peerCache = new ConcurrentHashMap<>();
    }

    /** The stored termination value, if any. */
    public Optional<Integer> terminated() {
        return Optional.ofNullable(termination);
    }

    /** Whether a termination value (0 included) is stored. */
    public boolean isTerminated() {
        return termination != null;
    }

    /**
     * Asks the loop to end with {@code value} as exit code. A stored non-zero value is never
     * replaced; a stored 0 is replaced by a later non-zero value.
     *
     * @return the value now stored
     */
    public synchronized int terminate(int value) {
        if (termination == null || termination == 0) {
            termination = value;
        }
        wake();
        return termination;
    }

    /** {@link #terminate(int)} with 0 unless a value is stored already. */
    public synchronized int terminate() {
        if (termination == null) {
            termination = 0;
        }
        wake();
        return termination;
    }

    /** Whether {@link #run()} is active. */
    public boolean isRunning() {
        return running;
    }

    private void wake() {
        Inbox i = inbox;
        if (i != null) {
            i.wake();
        }
    }

    /**
     * Checks that the service runs in the process it was set up for.
     *
     * @throws ServiceFailedException when the current pid differs
     */
    public void checkPid() {
        long now = Os.get().pid();
        if (now != pid) {
            throw new ServiceFailedException("Incorrect PID: service '" + name + "' belongs to pid " + pid
                    + " but runs in pid " + now + "; start it with Services.start(...) or call setPid() first");
        }
    }

    /** Writes a line to the original standard error of the service (or this process's). */
    public void debug(String text) {
        PrintStream out = origErr != null ? origErr : System.err;
        out.println(text);
        out.flush();
    }

    /** The service's client, connected on first use: that connection is its registration on the bus. */
    public synchronized Client client() {
        Client c = client;
        if (c == null) {
            c = Ipcm.connect(name, ipcmInfo, connectParams);
            client = c;
        }
        return c;
    }

    /** Protocol parameters for the service's connect (database {@code user}/{@code password}); set before it connects. */
    public void setConnectParams(Map<String, String> params) {
        this.connectParams = Map.copyOf(params);
    }

    /** The client if it was connected, without connecting. */
    Optional<Client> clientIfConnected() {
        return Optional.ofNullable(client);
    }

    /** A handle to this service for a caller named {@code handleName}. */
    public ServiceHandle handle(String handleName) {
        if (handleName == null || handleName.isEmpty()) {
            throw new ServiceConfigException("'name' is a required parameter of handle(): the handle's own client name");
        }
        return ServiceHandle.builder(name, ipcmInfo).name(handleName).build();
    }

    /**
     * A peer for another service on this bus, cached per name; only inside this service's process.
     *
     * @throws ServiceConfigException outside the service's process
     */
    public ServicePeer peer(String peerName) {
        if (Os.get().pid() != pid) {
            throw new ServiceConfigException("peer() can only be called on the service in the service process (pid "
                    + pid + "), not in pid " + Os.get().pid());
        }
        return peerCache.computeIfAbsent(peerName, n -> new ServicePeer(n, this));
    }

    /**
     * Peers that arrived (+1) or left (-1) since the previous call (every current peer is +1 on
     * the first call); the new set is remembered unless {@code peek}.
     */
    public Map<String, Integer> peerDelta(boolean peek) {
        lastPeerListing = System.nanoTime();
        Set<String> now = new TreeSet<>(client().peers());
        Map<String, Integer> delta = new TreeMap<>();
        Set<String> before = previousPeers == null ? Set.of() : previousPeers;
        now.forEach(p -> {
            if (!before.contains(p)) {
                delta.put(p, 1);
            }
        });
        before.forEach(p -> {
            if (!now.contains(p)) {
                delta.put(p, -1);
            }
        });
        if (!peek) {
            previousPeers = now;
        }
        return delta;
    }

    // ==== requests and responses ===============================================================

    /** Sends a request to another service; its response is kept for {@link #getResponse}. */
    public String sendRequest(String peer, Object request) {
        return requests.send(client(), peer, request, null);
    }

    /** Sends a request to another service; {@code callback} runs in the loop when the response arrives. */
    public String sendRequest(String peer, Object request, ResponseCallback callback) {
        if (callback == null) {
            throw new ServiceConfigException("callback must not be null; use sendRequest(peer, request) without one");
        }
        return requests.send(client(), peer, request, callback);
    }

    /** The response to a plain request, once, if it has arrived. */
    public Optional<Response> getResponse(String id) {
        return requests.get(id);
    }

    /** Whether any request of this service still waits for its response. */
    public boolean havePendingResponses() {
        return requests.havePending();
    }

    /** Sends a successful response to {@code peer}. */
    public void sendResponse(String peer, String requestId, Object value) {
        sendResponse(peer, requestId, value, null);
    }

    /** Sends a response; with an {@code error} text it is an error response. */
    public void sendResponse(String peer, String requestId, Object value, String error) {
        client().send(peer, Wire.response(requestId, value, error));
    }

    // ==== children, workers, nested services ==================================================

    /** Starts a helper process tracked like a fork: its exit reaches {@link #runOnPid}. */
    public Process startChild(ProcessBuilder builder) throws IOException {
        Process p = builder.start();
        children.track(p);
        return p;
    }

    /** Tracks a process this service started some other way. */
    public void trackChild(Process process) {
        children.track(process);
    }

    /**
     * Starts a worker: a child JVM that runs {@code task} instead of a service loop and exits with
     * its result. Only inside a running service.
     *
     * @return the worker's pid
     */
    public long startWorker(String workerName, Class<? extends WorkerTask> task, JsonNode taskParams) {
        if (!running || CURRENT.get() != this) {
            throw new ServiceConfigException("startWorker() can only be called from inside a running service "
                    + "(from one of its callbacks); service '" + name + "' is not running on this thread");
        }
        Process p = Workers.launch(workerName, task, taskParams, this);
        children.track(p);
        children.registerWorker(workerName, p.pid());
        return p.pid();
    }

    /**
     * Starts a worker in a thread of this JVM instead of a process: {@code task} may be any object
     * (a lambda too). Its result is only reported when it is not 0. At the end of the service the
     * thread is interrupted (its TERM) and waited for up to 15 s. Only inside a running service.
     * Thread workers have no pid, so they are not listed in {@link #workers()}.
     */
    public Thread startWorkerThread(String workerName, WorkerTask task, JsonNode taskParams) {
        if (!running || CURRENT.get() != this) {
            throw new ServiceConfigException("startWorkerThread() can only be called from inside a running service "
                    + "(from one of its callbacks); service '" + name + "' is not running on this thread");
        }
        if (workerName == null || workerName.isEmpty() || task == null) {
            throw new ServiceConfigException("A worker needs a name and a task, got: '" + workerName + "', " + task);
        }
        WorkerContext ctx = new WorkerContext(workerName,
                taskParams == null ? com.fasterxml.jackson.databind.node.NullNode.getInstance() : taskParams, name, ipcmInfo);
        Thread t = new Thread(() -> {
            try {
                int code = task.run(ctx);
                if (code != 0) {
                    debug("Worker '" + workerName + "' of '" + name + "' ended with " + code);
                }
            } catch (InterruptedException e) {
                // Interrupted by the service's shutdown: that is how a thread worker is terminated.
            } catch (Exception | AssertionError e) {
                debug("Worker '" + workerName + "' of '" + name + "' failed: " + e);
            }
        }, "ipcm-worker-" + workerName);
        t.setDaemon(true);
        children.trackThreadWorker(workerName, t);
        t.start();
        return t;
    }

    /** Worker threads still running, with their names. */
    public Map<Thread, String> workerThreads() {
        return children.threadWorkers();
    }

    /** Registers a process as a worker: its exit is not reported, and it is terminated with the service. */
    public void registerWorker(String workerName, long workerPid) {
        children.registerWorker(workerName, workerPid);
    }

    /** Worker pid to name. */
    public Map<Long, String> workers() {
        return children.workers();
    }

    /** Collects exited children without blocking: non-workers as pid to raw status (workers silently). */
    public Map<Long, Integer> reapChildren() {
        return children.reap();
    }

    /** Sends TERM to every worker, KILL every 15 s to survivors, until all have exited. */
    public void terminateWorkers() {
        children.terminateWorkers();
    }

    /**
     * Starts another service on this service's bus and waits until it is ready.
     *
     * @return a peer for it, with {@link ServicePeer#childPid()} set
     */
    public ServicePeer startService(ServiceOptions options) {
        return ServiceLauncher.startNested(this, options, true).peer;
    }

    /** Starts another service on this service's bus without waiting; returns its process's pid. */
    public long launchService(ServiceOptions options) {
        return ServiceLauncher.startNested(this, options, false).pid;
    }

    /** The service whose loop runs on the current thread (or, in a service JVM, the process's service). */
    public static Optional<AbstractService> current() {
        AbstractService s = CURRENT.get();
        return Optional.ofNullable(s != null ? s : processService);
    }

    static void setProcessService(AbstractService service) {
        processService = service;
    }

    // ==== the loop ============================================================================

    /** The result of a guarded call: whether it succeeded, its error text, and its value. */
    static final class Outcome {
        final boolean ok;
        final String err;
        final Object out;

        Outcome(boolean ok, String err, Object out) {
            this.ok = ok;
            this.err = err;
            this.out = out;
        }
    }

    /**
     * Runs {@code fn}; with {@code interceptErrors} an exception is reported and returned as a
     * failed outcome, otherwise it propagates (checked ones wrapped in {@link ServiceFailedException}).
     */
    Outcome attempt(Callable<?> fn) {
        try {
            return new Outcome(true, "", fn.call());
        } catch (Exception | AssertionError e) {
            if (!interceptErrors) {
                if (e instanceof RuntimeException) {
                    throw (RuntimeException) e;
                }
                if (e instanceof AssertionError) {
                    throw (AssertionError) e;
                }
                throw new ServiceFailedException("Service '" + name + "' callback failed: " + e, e);
            }
            String err = String.valueOf(e);
            debug("Peer '" + name + "' caught exception: " + err);
            System.getLogger("dev.ipcm.service").log(System.Logger.Level.WARNING, "Service '" + name + "' caught exception: " + err);
            return new Outcome(false, err, null);
        }
    }

    /**
     * Runs the loop on this thread until terminated, then cleans up ({@code onCleanup}, flush of
     * queued sends, workers terminated, signal handlers restored). The client stays connected:
     * whoever launched the service disconnects it.
     *
     * @return the termination value (0 when none was given)
     */
    public final int run() {
        checkPid();
        AbstractService outer = CURRENT.get();
        CURRENT.set(this);
        running = true;
        try {
            signals.grab(signalsToGrab());
            Outcome start = attempt(() -> {
                runOnStart();
                return null;
            });
            Client c = client();
            c.setSendBlocking(false);
            if (!start.ok) {
                throw new ServiceStartException("Exception in process startup, aborting: " + start.err);
            }
            inbox.start(c, cycle, name);
            peerDelta(false);
            while (!isTerminated()) {
                iterate();
            }
            dispatchLateSignals();
            attempt(() -> {
                runOnCleanup();
                return null;
            });
            flushAtEnd();
        } finally {
            inbox.stop(client);
            try {
                children.terminateWorkers();
            } finally {
                signals.restore();
                running = false;
                if (outer == null) {
                    CURRENT.remove();
                } else {
                    CURRENT.set(outer);
                }
            }
        }
        return termination == null ? 0 : termination;
    }

    /**
     * The JVM runs each signal handler on a new thread, so a signal sent just before a terminate
     * message (as a store's shutdown does) may be counted only after the pass that ended the loop.
     * A service that grabs signals therefore gives such a straggler a short grace (woken at once
     * when it arrives) and still handles it, once, before clean-up.
     */
    private void dispatchLateSignals() {
        if (!signals.isGrabbing()) {
            return;
        }
        long deadline = System.nanoTime() + LATE_SIGNAL_GRACE_NANOS;
        Map<String, Integer> late = signals.take();
        while (late.isEmpty()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            inbox.await(left);
            late = signals.take();
        }
        late.forEach((sig, count) -> attempt(() -> {
            runOnSig(sig);
            return null;
        }));
    }

    private void flushAtEnd() {
        Client c = client;
        if (c == null || c.isDisconnected()) {
            return;
        }
        long deadline = System.nanoTime() + FLUSH_AT_END_NANOS;
        while (c.pendingSends() > 0 && System.nanoTime() < deadline) {
            if (c.drainPending() == 0) {
                break;
            }
            try {
                TimeUnit.MILLISECONDS.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @SuppressWarnings("unchecked")
    private void iterate() {
        Outcome watched = attempt(this::watch);
        if (!watched.ok) {
            return;
        }
        Activity a = (Activity) watched.out;
        attempt(() -> {
            runOnAll(a);
            return null;
        });
        Map<String, Integer> sigs = (Map<String, Integer>) a.remove(Activity.SIGS);
        if (sigs != null) {
            sigs.forEach((sig, count) -> {
                if (count != null && count > 0) {
                    attempt(() -> {
                        runOnSig(sig);
                        return null;
                    });
                }
            });
        }
        Map<Long, Integer> pids = (Map<Long, Integer>) a.remove(Activity.PIDS);
        if (pids != null) {
            pids.forEach((p, status) -> attempt(() -> {
                runOnPid(p, status);
                return null;
            }));
        }
        if (a.remove(Activity.PID_WATCH) != null) {
            terminateQuietly();
            return;
        }
        if (a.remove(Activity.INTERVAL) != null) {
            attempt(() -> {
                runOnInterval();
                return null;
            });
            lastInterval = System.nanoTime();
        }
        Map<String, Integer> delta = (Map<String, Integer>) a.remove(Activity.PEER_DELTA);
        if (delta != null) {
            attempt(() -> {
                if (delta.containsValue(-1)) {
                    client().peerLeft();
                }
                runOnPeerDelta(Collections.unmodifiableMap(delta));
                return null;
            });
        }
        List<Message> messages = (List<Message>) a.remove(Activity.MESSAGES);
        if (messages != null) {
            for (Message m : messages) {
                if (m.isTerminate()) {
                    terminateQuietly();
                }
                attempt(() -> {
                    dispatch(m);
                    return null;
                });
            }
        }
        // The reference never consumes this key, so a terminate(v) from elsewhere during the wait
        // would reach onUnhandled and, in strict services such as Echo, crash them. In Java another
        // thread calling terminate(v) is an ordinary way to stop a service, so the loop consumes it:
        // it has already acted on it (the loop ends after this pass). onAll still sees it.
        a.remove(Activity.TERMINATED);
        if (!a.isEmpty()) {
            attempt(() -> {
                runOnUnhandled(a);
                return null;
            });
        }
        Outcome end = attempt(this::runShouldEnd);
        if (end.ok && Boolean.TRUE.equals(end.out)) {
            terminateQuietly();
        }
    }

    /** terminate() without waking: used by the loop itself. */
    private synchronized void terminateQuietly() {
        if (termination == null) {
            termination = 0;
        }
    }

    /** Waits for activity (at most one cycle per wait) and returns it; never returns an empty map unless the client was lost. */
    Activity watch() {
        while (true) {
            Activity a = new Activity();
            Map<Long, Integer> reaped = children.reap();
            if (!reaped.isEmpty()) {
                a.put(Activity.PIDS, reaped);
            }
            Client c = client();
            boolean queued = !c.isDisconnected() && c.pendingSends() > 0;
            if (queued) {
                c.drainPending();
                queued = c.pendingSends() > 0;
            }
            Integer before = termination;
            long now = System.nanoTime();
            if (lastInterval == 0) {
                lastInterval = now;
            }
            long wait = Math.min(cycle.toNanos(), Math.max(0, lastInterval + interval.toNanos() - now));
            if (queued) {
                wait = Math.min(wait, TimeUnit.MILLISECONDS.toNanos(10)); // retry the outbox soon
            }
            if (reaped.isEmpty()) {
                inbox.await(wait);
            }
            RuntimeException receiveError = inbox.takeError();
            if (receiveError != null) {
                debug("Peer '" + name + "' could not receive: " + receiveError);
            }
            if (inbox.clientLost() || c.isDisconnected()) {
                // The store went away or disconnected us (its shutdown in this JVM): nothing left to serve.
                terminateQuietly();
                a.put(Activity.MESSAGES, inbox.take());
                return a;
            }
            List<Message> messages = inbox.take();
            if (!java.util.Objects.equals(before, termination)) {
                a.put(Activity.TERMINATED, Map.of("value", termination));
            }
            if (!messages.isEmpty()) {
                a.put(Activity.MESSAGES, messages);
            }
            Map<String, Integer> sigs = signals.take();
            if (!sigs.isEmpty()) {
                a.put(Activity.SIGS, sigs);
            }
            if (peerDeltaDue(messages)) {
                Map<String, Integer> delta;
                try {
                    delta = peerDelta(false);
                } catch (ClientClosedException e) {
                    terminateQuietly();
                    return a;
                }
                if (!delta.isEmpty()) {
                    a.put(Activity.PEER_DELTA, delta);
                }
            }
            long after = System.nanoTime();
            if (after - lastInterval >= interval.toNanos()) {
                a.put(Activity.INTERVAL, Boolean.TRUE);
                lastInterval = after;
            }
            for (long p : watchPids) {
                if (!Os.get().isRunning(p)) {
                    a.put(Activity.PID_WATCH, Boolean.TRUE);
                    break;
                }
            }
            if (!a.isEmpty()) {
                return a;
            }
        }
    }

    /**
     * Whether this pass lists the peers. IPC::Manager lists them on every pass, which on a
     * directory store is a listing plus a pid read per peer, on the path of every request. A pass
     * that carries messages only from peers already known has no reason to expect a change, so
     * the listing is done on every pass without messages (a quiet service, as before), whenever a
     * message comes from a peer not yet seen (so a newcomer's +1 still reaches {@code onPeerDelta}
     * before its first message is dispatched), and otherwise at least once per cycle: a peer's
     * departure is seen within one cycle, which is also how long a quiet pass may wait.
     */
    private boolean peerDeltaDue(List<Message> messages) {
        if (messages.isEmpty() || previousPeers == null || System.nanoTime() - lastPeerListing >= cycle.toNanos()) {
            return true;
        }
        for (Message m : messages) {
            String from = m.from();
            if (!previousPeers.contains(from) && !name.equals(from)) {
                return true;
            }
        }
        return false;
    }

    /** Routes one message: request, response, or general. */
    void dispatch(Message m) throws Exception {
        JsonNode content = m.content();
        if (Wire.isRequest(content)) {
            answer(new Request((ObjectNode) content, m));
        } else if (Wire.isResponse(content)) {
            handleResponse(new Response((ObjectNode) content, m));
        } else {
            runOnGeneralMessage(m);
        }
    }

    private void answer(Request request) {
        Object value;
        try {
            value = handleRequest(request);
        } catch (Exception | AssertionError e) {
            String text = exposeErrorDetails ? errorText(e) : GENERIC_ERROR;
            respond(request, null, text);
            return;
        }
        if (value == NO_RESPONSE) {
            return;
        }
        respond(request, value, null);
    }

    private void respond(Request request, Object value, String error) {
        try {
            sendResponse(request.from(), request.id(), value, error);
        } catch (NoSuchPeerException | ClientClosedException e) {
            // The requester left before its answer (or our own client was closed under us by the
            // store's shutdown): not a reason to fail the service.
            debug("Peer '" + name + "' could not answer request '" + request.id() + "': " + e.getMessage());
        }
    }

    static String errorText(Throwable e) {
        String msg = e.getMessage();
        if (msg == null || msg.isEmpty() || msg.equals("0")) {
            return "There was an error: " + e;
        }
        return msg;
    }

    /**
     * Disconnects the service's client after {@link #run()}, which leaves it connected; messages
     * still waiting and errors are reported through {@link #debug}, not thrown.
     */
    public void disconnect() {
        Client c = client;
        if (c == null || c.isDisconnected()) {
            return;
        }
        try {
            c.disconnect();
        } catch (IpcmException | IllegalStateException e) {
            debug("Peer '" + name + "' disconnect: " + e.getMessage());
        }
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + name + "]";
    }
}
