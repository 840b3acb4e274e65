package dev.ipcm.service;

import dev.ipcm.Message;
import java.util.Map;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * A service: one named client on a store running an event loop that answers requests and reacts
 * to messages, peers coming and going, signals, child exits, a timer and watched pids. This type
 * is what a service author writes: {@link #handleRequest(Request)} and the hooks it needs.
 *
 * <p>{@link Service} is the ready-made subclass configured with lambdas, and {@link EchoService}
 * the smallest example. A hook acts through the service's {@link #context()}: it sends requests
 * and responses, terminates the service, starts peers, children and workers. {@link #run()} runs
 * the loop on the calling thread until something terminates it and returns the exit code; the
 * order in which one pass of the loop calls the hooks is in docs/services.md, "The loop".
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public abstract class AbstractService {
    /** Returned by {@link #handleRequest} to send no response now (answer later with {@link ServiceContext#sendResponse}). */
    public static final Object NO_RESPONSE = new Object() {
        @Override
        public String toString() {
            return "NO_RESPONSE";
        }
    };

    private final ServiceSettings settings;
    private final ServiceContext context;

    /**
     * A service from parameters: {@code name} and {@code ipcm_info} are required; the other keys
     * {@link ServiceSettings} reads are optional.
     *
     * @throws ServiceConfigException naming a missing or malformed parameter
     */
    protected AbstractService(ServiceParams params) {
        this.settings = ServiceSettings.from(params);
        this.context = new ServiceContext(this, settings);
    }

    /** A service with only a name and a store's info string. */
    protected AbstractService(String name, String ipcmInfo) {
        this(ServiceParams.of(name, ipcmInfo));
    }

    /** The service's client name on the bus. */
    public final String name() {
        return settings.name();
    }

    /** The settings the service was built with. */
    public final ServiceSettings settings() {
        return settings;
    }

    /** What the service acts through: its client, requests, termination, peers, children. */
    public final ServiceContext context() {
        return context;
    }

    /**
     * Runs the loop on this thread until terminated, then cleans up ({@code onCleanup}, flush of
     * queued sends, workers terminated, signal handlers restored). The client stays connected:
     * whoever launched the service disconnects it ({@link ServiceContext#disconnect()}).
     *
     * @return the termination value (0 when none was given)
     * @throws ServiceFailedException when the service runs in another process than it was set up for
     */
    public final int run() {
        return context.loop().run();
    }

    // ==== what a service supplies ============================================================

    /**
     * Answers one request. Return the response value (any JSON-mappable value, null included), or
     * {@link #NO_RESPONSE} to answer later. An exception becomes an error response
     * ({@code ipcm_error}); the loop carries on.
     */
    protected abstract Object handleRequest(Request request) throws Exception;

    /**
     * Receives a response to a request this service sent. The default hands it to the request
     * book-keeping (a registered callback runs; otherwise it is kept for
     * {@link Requester#getResponse}), which throws {@link UnexpectedResponseException} for a
     * response nobody asked for.
     */
    protected void handleResponse(Response response) throws Exception {
        context.dispatchResponse(response);
    }

    // ==== hooks (no-ops unless overridden) ====================================================

    /** Sees the whole activity map of a pass before anything is dispatched; may remove or add kinds. */
    protected void runOnAll(Activity activity) throws Exception {}

    /** Runs once before the loop (before the service registers on the bus, unless it uses the client). */
    protected void runOnStart() throws Exception {}

    /** Runs every {@link ServiceSettings#interval()}. */
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
    protected Set<String> signalsToGrab() {
        return Set.of();
    }

    /** Runs in the launching process before the service process starts. */
    protected void preLaunchHook() throws Exception {}

    /**
     * Runs in the service process before the service starts; may relaunch the service as a further
     * process with {@link LaunchContext#daemonize} or {@link LaunchContext#interpose}.
     */
    protected void postLaunchHook(LaunchContext context) throws Exception {}

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + name() + "]";
    }
}
