package dev.ipcm.service;

import dev.ipcm.Client;
import dev.ipcm.ClientClosedException;
import dev.ipcm.Message;
import dev.ipcm.StoreGoneException;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The running of a service: what its loop keeps while it lives (the wake-up, grabbed signals,
 * launched children, the termination value, the peers last seen) and the loop itself, which
 * waits for activity and dispatches it to the service's hooks in a fixed order until something
 * terminates it (docs/services.md, "The loop"). {@link AbstractService} holds the hooks; this
 * calls them; {@link ServiceContext} is what they act through.
 */
final class ServiceLoop {
    private static final long FLUSH_AT_END_NANOS = TimeUnit.SECONDS.toNanos(5);
    private static final long LATE_SIGNAL_GRACE_NANOS = TimeUnit.MILLISECONDS.toNanos(250);
    private static final ThreadLocal<ServiceContext> CURRENT = new ThreadLocal<>();
    private static volatile ServiceContext processService;

    final Inbox inbox = new Inbox();
    final SignalTrap signals = new SignalTrap(inbox::wake);
    final ChildProcesses children = new ChildProcesses(inbox::wake);
    final Termination termination = new Termination(inbox::wake);
    final PeerDeltas peers = new PeerDeltas();
    final Workers workers;
    private final AbstractService service;
    private final ServiceContext context;
    private final Guard guard;
    private final ActivityWatch watch;
    private final MessageDispatch dispatch;
    private volatile boolean running;

    ServiceLoop(AbstractService service, ServiceContext context) {
        this.service = service;
        this.context = context;
        this.workers = new Workers(context.name(), context.ipcmInfo(), context::debug, children);
        this.guard = new Guard(context);
        this.watch = new ActivityWatch(context, inbox, signals, children, termination, peers);
        this.dispatch = new MessageDispatch(service, context);
    }

    /** The service whose loop runs on the current thread (or, in a service JVM, the process's service). */
    static Optional<ServiceContext> current() {
        ServiceContext s = CURRENT.get();
        return Optional.ofNullable(s != null ? s : processService);
    }

    /** Records the service a service JVM runs. */
    static void setProcessService(ServiceContext service) {
        processService = service;
    }

    boolean isRunning() {
        return running;
    }

    /** Whether this loop runs on the calling thread (so a callback is calling). */
    boolean runsOnThisThread() {
        return running && CURRENT.get() == context;
    }

    /**
     * Runs the loop on this thread until terminated, then cleans up: {@code onCleanup}, a flush of
     * queued sends, workers terminated, signal handlers restored. The client stays connected.
     *
     * @return the termination value (0 when none was given)
     */
    int run() {
        context.checkPid();
        ServiceContext outer = CURRENT.get();
        CURRENT.set(context);
        running = true;
        try {
            signals.grab(service.signalsToGrab());
            Guard.Outcome start = guard.run(service::runOnStart);
            Client c = context.client();
            c.setSendBlocking(false);
            if (!start.ok()) {
                throw new ServiceStartException("Exception in process startup, aborting: " + start.err());
            }
            inbox.start(c, context.settings().cycle(), context.name());
            context.peerDelta(false);
            while (!termination.isSet()) {
                pass();
            }
            dispatchLateSignals();
            guard.run(service::runOnCleanup);
            flushAtEnd();
        } finally {
            inbox.stop(context.clientIfConnected().orElse(null));
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
        return termination.get().orElse(0);
    }

    /** One pass: waits for activity, then dispatches it in the documented order. */
    @SuppressWarnings("unchecked")
    private void pass() {
        Guard.Outcome watched = guard.call(watch::next);
        if (!watched.ok()) {
            return;
        }
        Activity a = (Activity) watched.out();
        guard.run(() -> service.runOnAll(a));
        Map<String, Integer> sigs = (Map<String, Integer>) a.remove(Activity.SIGS);
        if (sigs != null) {
            sigs.forEach((sig, count) -> {
                if (count != null && count > 0) {
                    guard.run(() -> service.runOnSig(sig));
                }
            });
        }
        Map<Long, Integer> pids = (Map<Long, Integer>) a.remove(Activity.PIDS);
        if (pids != null) {
            pids.forEach((p, status) -> guard.run(() -> service.runOnPid(p, status)));
        }
        if (a.remove(Activity.PID_WATCH) != null) {
            termination.endQuietly();
            return;
        }
        if (a.remove(Activity.INTERVAL) != null) {
            guard.run(service::runOnInterval);
            watch.intervalRan();
        }
        Map<String, Integer> delta = (Map<String, Integer>) a.remove(Activity.PEER_DELTA);
        if (delta != null) {
            guard.run(() -> {
                if (delta.containsValue(-1)) {
                    forgetLeftPeers();
                }
                service.runOnPeerDelta(Collections.unmodifiableMap(delta));
            });
        }
        List<Message> messages = (List<Message>) a.remove(Activity.MESSAGES);
        if (messages != null) {
            for (Message m : messages) {
                if (m.isTerminate()) {
                    termination.endQuietly();
                }
                guard.run(() -> dispatch.dispatch(m));
            }
        }
        // The reference never consumes this key, so a terminate(v) from elsewhere during the wait
        // would reach onUnhandled and, in strict services such as Echo, crash them. In Java another
        // thread calling terminate(v) is an ordinary way to stop a service, so the loop consumes it:
        // it has already acted on it (the loop ends after this pass). onAll still sees it.
        a.remove(Activity.TERMINATED);
        if (!a.isEmpty()) {
            guard.run(() -> service.runOnUnhandled(a));
        }
        Guard.Outcome end = guard.call(service::runShouldEnd);
        if (end.ok() && Boolean.TRUE.equals(end.out())) {
            termination.endQuietly();
        }
    }

    /**
     * Lets the client drop what it kept for peers that left. A store destroyed since the wait
     * (its shutdown in this JVM) ends the service quietly, as a lost client does in the wait,
     * instead of failing it for the store's own going.
     */
    private void forgetLeftPeers() {
        try {
            context.client().peerLeft();
        } catch (StoreGoneException | ClientClosedException e) {
            termination.endQuietly();
        }
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
        late.forEach((sig, count) -> guard.run(() -> service.runOnSig(sig)));
    }

    /** Gives sends still queued in the client up to five seconds to go out. */
    private void flushAtEnd() {
        Client c = context.clientIfConnected().orElse(null);
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
}
