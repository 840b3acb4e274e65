package dev.ipcm.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ipcm.os.Os;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apiguardian.api.API;

/**
 * What a service acts through while it lives: its client and the requests it sends (as a
 * {@link Requester}), its answers, its termination, the peers and nested services it talks to,
 * and the processes and workers it starts. A service reaches it with
 * {@link AbstractService#context()}; the callbacks of a {@link Service} receive it.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class ServiceContext extends Requester {
    private final AbstractService service;
    private final ServiceSettings settings;
    private volatile long pid;
    private volatile PrintStream debugStream;
    private volatile ServiceLoop loop;
    private volatile Map<String, ServicePeer> peerCache;

    ServiceContext(AbstractService service, ServiceSettings settings) {
        super(settings.name(), settings.ipcmInfo(), null);
        this.service = service;
        this.settings = settings;
        this.pid = settings.pid();
        clearServiceFields();
    }

    /** The service's settings. */
    public ServiceSettings settings() {
        return settings;
    }

    // ==== running and termination =============================================================

    /** Whether the service's loop is running. */
    public boolean isRunning() {
        return loop.isRunning();
    }

    /**
     * Asks the loop to end with {@code value} as exit code. A stored non-zero value is never
     * replaced; a stored 0 is replaced by a later non-zero value.
     *
     * @return the value now stored
     */
    public int terminate(int value) {
        return loop.termination.terminate(value);
    }

    /** {@link #terminate(int)} with 0 unless a value is stored already. */
    public int terminate() {
        return loop.termination.terminate();
    }

    /** The stored termination value, if any. */
    public Optional<Integer> terminated() {
        return loop.termination.get();
    }

    /** Whether a termination value (0 included) is stored. */
    public boolean isTerminated() {
        return loop.termination.isSet();
    }

    // ==== answers, peers and nested services ==================================================

    /** The process the service is confined to: the only one where it may run and make peers. */
    public long pid() {
        return pid;
    }

    /** Sends a successful response to {@code peer}: the answer to a request answered later. */
    public void sendResponse(String peer, String requestId, Object value) {
        sendResponse(peer, requestId, value, null);
    }

    /** Sends a response; with an {@code error} text it is an error response. */
    public void sendResponse(String peer, String requestId, Object value, String error) {
        client().send(peer, Wire.response(requestId, value, error));
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

    /** A handle to this service for a caller named {@code handleName}. */
    public ServiceHandle handle(String handleName) {
        if (handleName == null || handleName.isEmpty()) {
            throw new ServiceConfigException("'name' is a required parameter of handle(): the handle's own client name");
        }
        return ServiceHandle.builder(name(), ipcmInfo()).name(handleName).build();
    }

    /**
     * Peers that arrived (+1) or left (-1) since the previous call (every current peer is +1 on
     * the first call); the new set is remembered unless {@code peek}.
     */
    public Map<String, Integer> peerDelta(boolean peek) {
        return loop.peers.delta(client(), peek);
    }

    /**
     * Starts another service on this service's bus and waits until it is ready.
     *
     * @return a peer for it, with {@link ServicePeer#childPid()} set
     */
    public ServicePeer startService(ServiceOptions options) {
        return ServiceLauncher.startNested(this, options);
    }

    /** Starts another service on this service's bus without waiting; returns its process's pid. */
    public long launchService(ServiceOptions options) {
        return ServiceLauncher.launchNested(this, options);
    }

    // ==== children and workers ================================================================

    /** Starts a helper process tracked like a fork: its exit reaches the service's {@code runOnPid}. */
    public Process startChild(ProcessBuilder builder) throws IOException {
        Process p = builder.start();
        trackChild(p);
        return p;
    }

    /**
     * Starts a worker: a child JVM that runs {@code task} instead of a service loop and exits with
     * its result. Only from inside the running service (one of its callbacks).
     *
     * @return the worker's pid
     */
    public long startWorker(String workerName, Class<? extends WorkerTask> task, JsonNode taskParams) {
        requireRunningHere("startWorker()");
        return loop.workers.startProcess(workerName, task, taskParams);
    }

    /**
     * Starts a worker JVM that runs this task object: the closest Java form of the reference's
     * {@code ipcm_worker(name, sub)}. The child must be able to make the object again: a
     * {@link java.io.Serializable} task (a lambda cast to {@code (WorkerTask & Serializable) ctx -> ...})
     * travels serialized with what it captured, a public class with a public no-argument
     * constructor by its name. Only from inside the running service.
     *
     * @return the worker's pid
     * @throws ServiceConfigException before anything starts, for any other object, saying how to write it
     */
    public long startWorker(String workerName, WorkerTask task, JsonNode taskParams) {
        requireRunningHere("startWorker()");
        return loop.workers.startProcess(workerName, task, taskParams);
    }

    /**
     * Starts a worker in a thread of this JVM instead of a process: {@code task} may be any object
     * (a lambda too). Its result is only reported when it is not 0. At the end of the service the
     * thread is interrupted (its TERM) and waited for up to 15 s. Only from inside the running
     * service. Thread workers have no pid, so they are not listed in {@link #workers()}.
     */
    public Thread startWorkerThread(String workerName, WorkerTask task, JsonNode taskParams) {
        requireRunningHere("startWorkerThread()");
        return loop.workers.startThread(workerName, task, taskParams);
    }

    /** Worker pid to name. */
    public Map<Long, String> workers() {
        return loop.children.workers();
    }

    /** Sends TERM to every worker, KILL every 15 s to survivors, until all have exited. */
    public void terminateWorkers() {
        loop.children.terminateWorkers();
    }

    /** Writes a line to the service's original standard error (or this process's). */
    public void debug(String text) {
        PrintStream out = debugStream != null ? debugStream : System.err;
        out.println(text);
        out.flush();
    }

    /** Protocol parameters for the service's connect (database {@code user}/{@code password}); set before it connects. */
    public void setConnectParams(Map<String, String> params) {
        connectParams(params);
    }

    /**
     * Disconnects the service's client after {@code run()}, which leaves it connected; messages
     * still waiting and errors are reported through {@link #debug}, not thrown.
     */
    public void disconnect() {
        disconnect(e -> debug("Peer '" + name() + "' disconnect: " + e.getMessage()));
    }

    // ==== for this package ====================================================================

    ServiceLoop loop() {
        return loop;
    }

    /** Resets all run state: client, timers, peers, signal counts, termination, workers, requests. */
    void clearServiceFields() {
        forget();
        loop = new ServiceLoop(service, this);
        peerCache = new ConcurrentHashMap<>();
    }

    /** Confines the service to another process (the launcher sets it to the process that runs it). */
    void setPid(long value) {
        this.pid = value;
    }

    /**
     * Checks that the service runs in the process it was set up for.
     *
     * @throws ServiceFailedException when the current pid differs
     */
    void checkPid() {
        long now = Os.get().pid();
        if (now != pid) {
            throw new ServiceFailedException("Incorrect PID: service '" + name() + "' belongs to pid " + pid
                    + " but runs in pid " + now + "; start it with Services.start(...)");
        }
    }

    /** Sends {@link #debug} output to this stream instead of standard error. */
    void setDebugStream(PrintStream stream) {
        this.debugStream = stream;
    }

    /** Tracks a process this service started some other way: its exit wakes the loop and reaches onPid. */
    void trackChild(Process process) {
        loop.children.track(process);
    }

    /** Registers a process as a worker: its exit is not reported, and it is terminated with the service. */
    void registerWorker(String workerName, long workerPid) {
        loop.children.registerWorker(workerName, workerPid);
    }

    /** Worker threads still running, with their names. */
    Map<Thread, String> workerThreads() {
        return loop.children.threads().running();
    }

    /** Collects exited children without blocking: non-workers as pid to raw status (workers silently). */
    Map<Long, Integer> reapChildren() {
        return loop.children.reap();
    }

    private void requireRunningHere(String what) {
        if (!loop.runsOnThisThread()) {
            throw new ServiceConfigException(what + " can only be called from inside a running service "
                    + "(from one of its callbacks); service '" + name() + "' is not running on this thread");
        }
    }

    @Override
    public String toString() {
        return "ServiceContext[" + name() + "]";
    }
}
