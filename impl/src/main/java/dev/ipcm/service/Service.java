package dev.ipcm.service;

import dev.ipcm.Message;
import dev.ipcm.os.Os;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * A service configured entirely with callbacks, built with {@link #builder(ServiceParams)}. Every
 * callback receives the service's {@link ServiceContext}, to act through.
 *
 * <pre>{@code
 * Service svc = Service.builder("greeter", store.info())
 *         .handleRequest((s, req) -> "hello " + req.text())
 *         .onInterval(s -> s.debug("still here"))
 *         .build();
 * }</pre>
 *
 * <p>Either an {@code onAll} callback or a request handler is required. With {@code onAll} and no
 * handlers, requests get no automatic response and responses are ignored; without {@code onAll},
 * a response arriving with no response handler is an error. A {@code Service} that sends requests
 * to other services must therefore supply a response handler, which may hand the response on with
 * {@link ServiceContext#dispatchResponse}. Unlike the base class, unhandled activity is passed to
 * the {@code onUnhandled} callbacks and is not an error by default.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public class Service extends AbstractService {
    /** A callback that receives only the context ({@code onStart}, {@code onInterval}, {@code onCleanup}). */
    @FunctionalInterface
    public interface Action {
        /** Runs the callback. */
        void run(ServiceContext service) throws Exception;
    }

    /**
     * A callback that receives one value: the activity map ({@code onAll}, {@code onUnhandled}), a
     * general message, a peer delta (peer to +1 or -1), a signal name, a response, or the launch
     * context of a post-launch hook.
     *
     * @param <T> the value's type
     */
    @FunctionalInterface
    public interface Handler<T> {
        /** Handles the value. */
        void handle(ServiceContext service, T value) throws Exception;
    }

    /** A callback for an exited child process and its raw wait status. */
    @FunctionalInterface
    public interface PidAction {
        /** Runs the callback. */
        void run(ServiceContext service, long pid, int status) throws Exception;
    }

    /** A check whether the loop should end. */
    @FunctionalInterface
    public interface EndCheck {
        /** True to end the loop after this pass. */
        boolean test(ServiceContext service) throws Exception;
    }

    /** Answers a request: a value, or {@link AbstractService#NO_RESPONSE}. */
    @FunctionalInterface
    public interface RequestHandler {
        /** Answers the request. */
        Object handle(ServiceContext service, Request request) throws Exception;
    }

    private final CallbackLists lists;
    private final RequestHandler requestHandler;
    private final Handler<Response> responseHandler;
    private final Handler<LaunchContext> postLaunch;

    /** A service from a finished builder; subclasses call it from their own constructor. */
    protected Service(Builder b) {
        super(b.params);
        this.lists = b.lists.copy();
        this.postLaunch = b.postLaunch;
        if (!lists.get("on_all").isEmpty()) {
            this.requestHandler = b.requestHandler != null ? b.requestHandler : (s, r) -> NO_RESPONSE;
            this.responseHandler = b.responseHandler != null ? b.responseHandler : (s, r) -> { };
        } else {
            if (b.requestHandler == null) {
                throw new ServiceConfigException("Either 'on_all' or 'handle_request' callback is required for service '"
                        + b.params.name() + "'");
            }
            this.requestHandler = b.requestHandler;
            this.responseHandler = b.responseHandler != null ? b.responseHandler : (s, r) -> {
                throw new UnexpectedResponseException("Got a response, but no response handler set (service '"
                        + s.name() + "', response '" + r.id() + "'); give the service a handleResponse callback");
            };
        }
    }

    /** Starts building a service from parameters ({@code name} and {@code ipcm_info} required). */
    public static Builder builder(ServiceParams params) {
        return new Builder(params);
    }

    /** Starts building a service with a name and a store's info string. */
    public static Builder builder(String name, String ipcmInfo) {
        return new Builder(ServiceParams.of(name, ipcmInfo));
    }

    // ==== callback lists ======================================================================

    /** The {@code onAll} callbacks. */
    public Callbacks<Handler<Activity>> onAll() {
        return lists.get("on_all");
    }

    /** The {@code onStart} callbacks. */
    public Callbacks<Action> onStart() {
        return lists.get("on_start");
    }

    /** The {@code onInterval} callbacks. */
    public Callbacks<Action> onInterval() {
        return lists.get("on_interval");
    }

    /** The {@code onCleanup} callbacks. */
    public Callbacks<Action> onCleanup() {
        return lists.get("on_cleanup");
    }

    /** The {@code onGeneralMessage} callbacks. */
    public Callbacks<Handler<Message>> onGeneralMessage() {
        return lists.get("on_general_message");
    }

    /** The {@code onPeerDelta} callbacks. */
    public Callbacks<Handler<Map<String, Integer>>> onPeerDelta() {
        return lists.get("on_peer_delta");
    }

    /** The {@code onPid} callbacks. */
    public Callbacks<PidAction> onPid() {
        return lists.get("on_pid");
    }

    /** The {@code onUnhandled} callbacks. */
    public Callbacks<Handler<Activity>> onUnhandled() {
        return lists.get("on_unhandled");
    }

    /** The {@code shouldEnd} checks. */
    public Callbacks<EndCheck> shouldEnd() {
        return lists.get("should_end");
    }

    /** The callbacks of one signal (bare name, e.g. {@code USR1}); created empty on first use. */
    public Callbacks<Handler<String>> onSig(String signal) {
        return lists.signal(validSignal(signal));
    }

    /** The signals with callbacks: these are grabbed while the service runs. */
    @Override
    protected Set<String> signalsToGrab() {
        return lists.signals();
    }

    static String validSignal(String signal) {
        if (signal == null || signal.isBlank()) {
            throw new ServiceConfigException("A signal name is required (e.g. USR1, TERM)");
        }
        String name = SignalTrap.normalise(signal);
        try {
            Os.get().signalNumber(name);
        } catch (IllegalArgumentException e) {
            throw new ServiceConfigException("Unknown signal '" + signal + "': use a name such as INT, TERM, HUP, USR1, USR2", e);
        }
        return name;
    }

    // ==== the hooks run the lists =============================================================

    @Override
    protected Object handleRequest(Request request) throws Exception {
        return requestHandler.handle(context(), request);
    }

    @Override
    protected void handleResponse(Response response) throws Exception {
        responseHandler.handle(context(), response);
    }

    @Override
    protected void postLaunchHook(LaunchContext launch) throws Exception {
        if (postLaunch != null) {
            postLaunch.handle(context(), launch);
        }
    }

    @Override
    protected void runOnAll(Activity activity) throws Exception {
        onAll().each(c -> c.handle(context(), activity));
    }

    @Override
    protected void runOnStart() throws Exception {
        onStart().each(c -> c.run(context()));
    }

    @Override
    protected void runOnInterval() throws Exception {
        onInterval().each(c -> c.run(context()));
    }

    @Override
    protected void runOnCleanup() throws Exception {
        onCleanup().each(c -> c.run(context()));
    }

    @Override
    protected void runOnGeneralMessage(Message message) throws Exception {
        onGeneralMessage().each(c -> c.handle(context(), message));
    }

    @Override
    protected void runOnPeerDelta(Map<String, Integer> delta) throws Exception {
        onPeerDelta().each(c -> c.handle(context(), delta));
    }

    @Override
    protected void runOnPid(long pid, int status) throws Exception {
        onPid().each(c -> c.run(context(), pid, status));
    }

    @Override
    protected void runOnSig(String signal) throws Exception {
        Optional<Callbacks<Handler<String>>> list = lists.findSignal(signal);
        if (list.isPresent()) {
            list.get().each(c -> c.handle(context(), signal));
        }
    }

    /** True when any {@code shouldEnd} check is true (all of them run). */
    @Override
    protected boolean runShouldEnd() throws Exception {
        boolean[] end = {false};
        shouldEnd().each(c -> end[0] |= c.test(context()));
        return end[0];
    }

    @Override
    protected void runOnUnhandled(Activity activity) throws Exception {
        onUnhandled().each(c -> c.handle(context(), activity));
    }

    /** Builds a {@link Service}; every action accepts several callbacks, run in the order given. */
    @API(status = API.Status.EXPERIMENTAL, since = "0.1")
    public static final class Builder {
        private ServiceParams params;
        private final CallbackLists lists = new CallbackLists();
        private RequestHandler requestHandler;
        private Handler<Response> responseHandler;
        private Handler<LaunchContext> postLaunch;

        private Builder(ServiceParams params) {
            params.name();
            params.ipcmInfo();
            this.params = params;
        }

        /** The loop's longest single wait (default 0.2 s). */
        public Builder cycle(Duration value) {
            params = params.with("cycle", ServiceParams.toSeconds("cycle", value));
            return this;
        }

        /** The period of the interval callbacks (default 0.2 s). */
        public Builder interval(Duration value) {
            params = params.with("interval", ServiceParams.toSeconds("interval", value));
            return this;
        }

        /** Whether callback exceptions are reported and survived instead of ending the loop. */
        public Builder interceptErrors(boolean value) {
            params = params.with("intercept_errors", value ? 1 : 0);
            return this;
        }

        /** Whether error responses carry the exception text instead of {@code Internal service error}. */
        public Builder exposeErrorDetails(boolean value) {
            params = params.with("expose_error_details", value ? 1 : 0);
            return this;
        }

        /** Pids whose death ends the service. */
        public Builder watchPids(long... pids) {
            params = params.with("watch_pids", pids);
            return this;
        }

        /** Answers requests. */
        public Builder handleRequest(RequestHandler handler) {
            this.requestHandler = nonNull("handle_request", handler);
            return this;
        }

        /** Receives responses to requests this service sent. */
        public Builder handleResponse(Handler<Response> handler) {
            this.responseHandler = nonNull("handle_response", handler);
            return this;
        }

        /** Runs in the service process before the service starts (may daemonize or interpose). */
        public Builder postLaunch(Handler<LaunchContext> hook) {
            this.postLaunch = nonNull("post_fork", hook);
            return this;
        }

        /** Sees every pass's whole activity map first. */
        public Builder onAll(Handler<Activity> callback) {
            return add("on_all", callback);
        }

        /** Runs once before the loop. */
        public Builder onStart(Action callback) {
            return add("on_start", callback);
        }

        /** Runs every interval. */
        public Builder onInterval(Action callback) {
            return add("on_interval", callback);
        }

        /** Runs once after the loop. */
        public Builder onCleanup(Action callback) {
            return add("on_cleanup", callback);
        }

        /** Receives general messages. */
        public Builder onGeneralMessage(Handler<Message> callback) {
            return add("on_general_message", callback);
        }

        /** Receives peer deltas. */
        public Builder onPeerDelta(Handler<Map<String, Integer>> callback) {
            return add("on_peer_delta", callback);
        }

        /** Receives exited child processes. */
        public Builder onPid(PidAction callback) {
            return add("on_pid", callback);
        }

        /** Receives unhandled activity. */
        public Builder onUnhandled(Handler<Activity> callback) {
            return add("on_unhandled", callback);
        }

        /** Ends the loop when it returns true. */
        public Builder shouldEnd(EndCheck check) {
            return add("should_end", check);
        }

        /**
         * Handles a signal while the service runs (bare name: {@code USR1}, {@code TERM}, ...).
         *
         * @throws ServiceConfigException for an unknown signal name
         */
        public Builder onSig(String signal, Handler<String> callback) {
            lists.<Handler<String>>signal(validSignal(signal)).push(callback);
            return this;
        }

        /**
         * The service.
         *
         * @throws ServiceConfigException when neither {@code onAll} nor a request handler was given
         */
        public Service build() {
            return new Service(this);
        }

        private <T> Builder add(String action, T callback) {
            lists.<T>get(action).push(callback);
            return this;
        }

        private static <T> T nonNull(String what, T value) {
            if (value == null) {
                throw new ServiceConfigException("'" + what + "' must be a function, got: null");
            }
            return value;
        }
    }
}
