package dev.ipcm.service;

import dev.ipcm.Message;
import dev.ipcm.os.Os;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apiguardian.api.API;

/**
 * A service configured entirely with callbacks, built with {@link #builder(ServiceParams)}.
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
 * to other services must therefore supply a response handler, which may hand the response to
 * the pending-callback table with {@link #dispatchResponse}. Unlike the base class, unhandled
 * activity is passed to the {@code onUnhandled} callbacks and is not an error by default.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public class Service extends AbstractService {
    /** A callback that receives only the service ({@code onStart}, {@code onInterval}, {@code onCleanup}). */
    @FunctionalInterface
    public interface Action {
        /** Runs the callback. */
        void run(Service service) throws Exception;
    }

    /** A callback that receives the activity map ({@code onAll}, {@code onUnhandled}). */
    @FunctionalInterface
    public interface ActivityAction {
        /** Runs the callback. */
        void run(Service service, Activity activity) throws Exception;
    }

    /** A callback for a general message. */
    @FunctionalInterface
    public interface MessageAction {
        /** Runs the callback. */
        void run(Service service, Message message) throws Exception;
    }

    /** A callback for a peer delta (peer to +1 or -1). */
    @FunctionalInterface
    public interface PeerDeltaAction {
        /** Runs the callback. */
        void run(Service service, Map<String, Integer> delta) throws Exception;
    }

    /** A callback for an exited child process and its raw wait status. */
    @FunctionalInterface
    public interface PidAction {
        /** Runs the callback. */
        void run(Service service, long pid, int status) throws Exception;
    }

    /** A callback for a grabbed signal. */
    @FunctionalInterface
    public interface SignalAction {
        /** Runs the callback. */
        void run(Service service, String signal) throws Exception;
    }

    /** A check whether the loop should end. */
    @FunctionalInterface
    public interface EndCheck {
        /** True to end the loop after this pass. */
        boolean test(Service service) throws Exception;
    }

    /** Answers a request: a value, or {@link AbstractService#NO_RESPONSE}. */
    @FunctionalInterface
    public interface RequestHandler {
        /** Answers the request. */
        Object handle(Service service, Request request) throws Exception;
    }

    /** Receives a response to a request this service sent. */
    @FunctionalInterface
    public interface ResponseHandler {
        /** Handles the response. */
        void handle(Service service, Response response) throws Exception;
    }

    /** Runs in the service process before the service starts. */
    @FunctionalInterface
    public interface PostLaunch {
        /** Runs the hook. */
        void run(Service service, LaunchContext context) throws Exception;
    }

    private final Callbacks<ActivityAction> onAll = new Callbacks<>("on_all");
    private final Callbacks<Action> onCleanup = new Callbacks<>("on_cleanup");
    private final Callbacks<MessageAction> onGeneralMessage = new Callbacks<>("on_general_message");
    private final Callbacks<Action> onInterval = new Callbacks<>("on_interval");
    private final Callbacks<PeerDeltaAction> onPeerDelta = new Callbacks<>("on_peer_delta");
    private final Callbacks<PidAction> onPid = new Callbacks<>("on_pid");
    private final Callbacks<Action> onStart = new Callbacks<>("on_start");
    private final Callbacks<ActivityAction> onUnhandled = new Callbacks<>("on_unhandled");
    private final Callbacks<EndCheck> shouldEnd = new Callbacks<>("should_end");
    private final Map<String, Callbacks<SignalAction>> onSig = new LinkedHashMap<>();
    private final RequestHandler requestHandler;
    private final ResponseHandler responseHandler;
    private final PostLaunch postLaunch;

    /** A service from a finished builder; subclasses call it from their own constructor. */
    protected Service(Builder b) {
        super(b.params);
        copy(b.onAll, onAll);
        copy(b.onCleanup, onCleanup);
        copy(b.onGeneralMessage, onGeneralMessage);
        copy(b.onInterval, onInterval);
        copy(b.onPeerDelta, onPeerDelta);
        copy(b.onPid, onPid);
        copy(b.onStart, onStart);
        copy(b.onUnhandled, onUnhandled);
        copy(b.shouldEnd, shouldEnd);
        b.onSig.forEach((sig, list) -> copy(list, onSig(sig)));
        this.postLaunch = b.postLaunch;
        if (!b.onAll.isEmpty()) {
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

    private static <T> void copy(Callbacks<T> from, Callbacks<T> to) {
        from.list().forEach(to::push);
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
    public Callbacks<ActivityAction> onAll() {
        return onAll;
    }

    /** The {@code onCleanup} callbacks. */
    public Callbacks<Action> onCleanup() {
        return onCleanup;
    }

    /** The {@code onGeneralMessage} callbacks. */
    public Callbacks<MessageAction> onGeneralMessage() {
        return onGeneralMessage;
    }

    /** The {@code onInterval} callbacks. */
    public Callbacks<Action> onInterval() {
        return onInterval;
    }

    /** The {@code onPeerDelta} callbacks. */
    public Callbacks<PeerDeltaAction> onPeerDelta() {
        return onPeerDelta;
    }

    /** The {@code onPid} callbacks. */
    public Callbacks<PidAction> onPid() {
        return onPid;
    }

    /** The {@code onStart} callbacks. */
    public Callbacks<Action> onStart() {
        return onStart;
    }

    /** The {@code onUnhandled} callbacks. */
    public Callbacks<ActivityAction> onUnhandled() {
        return onUnhandled;
    }

    /** The {@code shouldEnd} checks. */
    public Callbacks<EndCheck> shouldEnd() {
        return shouldEnd;
    }

    /** The callbacks of one signal (bare name, e.g. {@code USR1}); created empty on first use. */
    public synchronized Callbacks<SignalAction> onSig(String signal) {
        return onSig.computeIfAbsent(validSignal(signal), s -> new Callbacks<>("on_sig " + s));
    }

    /** The signals with callbacks: these are grabbed while the service runs. */
    @Override
    public synchronized Set<String> signalsToGrab() {
        Set<String> out = new TreeSet<>();
        onSig.forEach((sig, list) -> {
            if (!list.isEmpty()) {
                out.add(sig);
            }
        });
        return Collections.unmodifiableSet(out);
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

    // ==== dispatch to the lists ===============================================================

    @Override
    protected Object handleRequest(Request request) throws Exception {
        return requestHandler.handle(this, request);
    }

    @Override
    protected void handleResponse(Response response) throws Exception {
        responseHandler.handle(this, response);
    }

    @Override
    protected void runOnAll(Activity activity) throws Exception {
        for (ActivityAction a : onAll.list()) {
            a.run(this, activity);
        }
    }

    @Override
    protected void runOnStart() throws Exception {
        for (Action a : onStart.list()) {
            a.run(this);
        }
    }

    @Override
    protected void runOnInterval() throws Exception {
        for (Action a : onInterval.list()) {
            a.run(this);
        }
    }

    @Override
    protected void runOnCleanup() throws Exception {
        for (Action a : onCleanup.list()) {
            a.run(this);
        }
    }

    @Override
    protected void runOnGeneralMessage(Message message) throws Exception {
        for (MessageAction a : onGeneralMessage.list()) {
            a.run(this, message);
        }
    }

    @Override
    protected void runOnPeerDelta(Map<String, Integer> delta) throws Exception {
        for (PeerDeltaAction a : onPeerDelta.list()) {
            a.run(this, delta);
        }
    }

    @Override
    protected void runOnPid(long pid, int status) throws Exception {
        for (PidAction a : onPid.list()) {
            a.run(this, pid, status);
        }
    }

    @Override
    protected void runOnSig(String signal) throws Exception {
        Callbacks<SignalAction> list;
        synchronized (this) {
            list = onSig.get(signal);
        }
        if (list != null) {
            for (SignalAction a : list.list()) {
                a.run(this, signal);
            }
        }
    }

    /** True when any {@code shouldEnd} check is true (all of them run). */
    @Override
    protected boolean runShouldEnd() throws Exception {
        boolean end = false;
        for (EndCheck c : shouldEnd.list()) {
            end |= c.test(this);
        }
        return end;
    }

    @Override
    protected void runOnUnhandled(Activity activity) throws Exception {
        for (ActivityAction a : onUnhandled.list()) {
            a.run(this, activity);
        }
    }

    @Override
    protected void postLaunchHook(LaunchContext context) throws Exception {
        if (postLaunch != null) {
            postLaunch.run(this, context);
        }
    }

    /** Builds a {@link Service}; every action accepts several callbacks, run in the order given. */
    @API(status = API.Status.EXPERIMENTAL, since = "0.1")
    public static final class Builder {
        private ServiceParams params;
        private final Callbacks<ActivityAction> onAll = new Callbacks<>("on_all");
        private final Callbacks<Action> onCleanup = new Callbacks<>("on_cleanup");
        private final Callbacks<MessageAction> onGeneralMessage = new Callbacks<>("on_general_message");
        private final Callbacks<Action> onInterval = new Callbacks<>("on_interval");
        private final Callbacks<PeerDeltaAction> onPeerDelta = new Callbacks<>("on_peer_delta");
        private final Callbacks<PidAction> onPid = new Callbacks<>("on_pid");
        private final Callbacks<Action> onStart = new Callbacks<>("on_start");
        private final Callbacks<ActivityAction> onUnhandled = new Callbacks<>("on_unhandled");
        private final Callbacks<EndCheck> shouldEnd = new Callbacks<>("should_end");
        private final Map<String, Callbacks<SignalAction>> onSig = new LinkedHashMap<>();
        private RequestHandler requestHandler;
        private ResponseHandler responseHandler;
        private PostLaunch postLaunch;

        private Builder(ServiceParams params) {
            params.name();
            params.ipcmInfo();
            this.params = params;
        }

        /** The loop's longest single wait (default 0.2 s). */
        public Builder cycle(Duration value) {
            params = params.with("cycle", seconds("cycle", value));
            return this;
        }

        /** The period of the interval callbacks (default 0.2 s). */
        public Builder interval(Duration value) {
            params = params.with("interval", seconds("interval", value));
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

        private static java.math.BigDecimal seconds(String what, Duration d) {
            if (d == null || d.isNegative()) {
                throw new ServiceConfigException("'" + what + "' must not be negative, got: " + d);
            }
            return java.math.BigDecimal.valueOf(d.toNanos()).movePointLeft(9).stripTrailingZeros();
        }

        /** Sees every pass's whole activity map first. */
        public Builder onAll(ActivityAction callback) {
            onAll.push(callback);
            return this;
        }

        /** Answers requests. */
        public Builder handleRequest(RequestHandler handler) {
            this.requestHandler = nonNull("handle_request", handler);
            return this;
        }

        /** Receives responses to requests this service sent. */
        public Builder handleResponse(ResponseHandler handler) {
            this.responseHandler = nonNull("handle_response", handler);
            return this;
        }

        /** Runs in the service process before the service starts (may daemonize or interpose). */
        public Builder postLaunch(PostLaunch hook) {
            this.postLaunch = nonNull("post_fork", hook);
            return this;
        }

        /** Runs once before the loop. */
        public Builder onStart(Action callback) {
            onStart.push(callback);
            return this;
        }

        /** Runs every interval. */
        public Builder onInterval(Action callback) {
            onInterval.push(callback);
            return this;
        }

        /** Runs once after the loop. */
        public Builder onCleanup(Action callback) {
            onCleanup.push(callback);
            return this;
        }

        /** Receives general messages. */
        public Builder onGeneralMessage(MessageAction callback) {
            onGeneralMessage.push(callback);
            return this;
        }

        /** Receives peer deltas. */
        public Builder onPeerDelta(PeerDeltaAction callback) {
            onPeerDelta.push(callback);
            return this;
        }

        /** Receives exited child processes. */
        public Builder onPid(PidAction callback) {
            onPid.push(callback);
            return this;
        }

        /** Receives unhandled activity. */
        public Builder onUnhandled(ActivityAction callback) {
            onUnhandled.push(callback);
            return this;
        }

        /** Ends the loop when it returns true. */
        public Builder shouldEnd(EndCheck check) {
            shouldEnd.push(check);
            return this;
        }

        /**
         * Handles a signal while the service runs (bare name: {@code USR1}, {@code TERM}, ...).
         *
         * @throws ServiceConfigException for an unknown signal name
         */
        public Builder onSig(String signal, SignalAction callback) {
            onSig.computeIfAbsent(validSignal(signal), s -> new Callbacks<>("on_sig " + s)).push(callback);
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

        private static <T> T nonNull(String what, T value) {
            if (value == null) {
                throw new ServiceConfigException("'" + what + "' must be a function, got: null");
            }
            return value;
        }
    }
}
