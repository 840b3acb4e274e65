package dev.ipcm.service;

import dev.ipcm.Client;
import dev.ipcm.ClientClosedException;
import dev.ipcm.Message;
import dev.ipcm.StoreGoneException;
import dev.ipcm.os.Os;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * One wait of the service loop: sleeps until something happens (at most one cycle, never past the
 * next interval) and collects all that did into an {@link Activity}.
 */
final class ActivityWatch {
    private static final long OUTBOX_RETRY_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private final ServiceContext context;
    private final Inbox inbox;
    private final SignalTrap signals;
    private final ChildProcesses children;
    private final Termination termination;
    private final PeerDeltas peers;
    private long lastInterval;
    private long lastPidCheck;

    ActivityWatch(ServiceContext context, Inbox inbox, SignalTrap signals, ChildProcesses children,
            Termination termination, PeerDeltas peers) {
        this.context = context;
        this.inbox = inbox;
        this.signals = signals;
        this.children = children;
        this.termination = termination;
        this.peers = peers;
    }

    /** Records that the interval activity was dispatched now. */
    void intervalRan() {
        lastInterval = System.nanoTime();
    }

    /**
     * Whether to ask the kernel about the watched pids on this pass: on every pass that brought no
     * message, and at least once a cycle while messages keep coming (a pass per request otherwise
     * paid a {@code kill} per request). Either way a dead watched pid is seen within about a cycle,
     * as an idle loop, which wakes once a cycle, sees it.
     */
    private boolean watchedPidsDue(List<Message> messages, long now, ServiceSettings settings) {
        if (!messages.isEmpty() && now - lastPidCheck < settings.cycle().toNanos()) {
            return false;
        }
        lastPidCheck = now;
        return true;
    }

    /** Waits for activity and returns it; never an empty map unless the client was lost. */
    Activity next() {
        ServiceSettings settings = context.settings();
        while (true) {
            Activity a = new Activity();
            Map<Long, Integer> reaped = children.reap();
            if (!reaped.isEmpty()) {
                a.put(Activity.PIDS, reaped);
            }
            Client c = context.client();
            boolean queued = !c.isDisconnected() && c.pendingSends() > 0;
            if (queued) {
                c.drainPending();
                queued = c.pendingSends() > 0;
            }
            Integer before = termination.value();
            long now = System.nanoTime();
            if (lastInterval == 0) {
                lastInterval = now;
            }
            long wait = Math.min(settings.cycle().toNanos(),
                    Math.max(0, lastInterval + settings.interval().toNanos() - now));
            if (queued) {
                wait = Math.min(wait, OUTBOX_RETRY_NANOS);
            }
            if (reaped.isEmpty()) {
                inbox.await(wait);
            }
            RuntimeException receiveError = inbox.takeError();
            if (receiveError != null) {
                context.debug("Peer '" + context.name() + "' could not receive: " + receiveError);
            }
            if (inbox.clientLost() || c.isDisconnected()) {
                // The store went away or disconnected us (its shutdown in this JVM): nothing left to serve.
                termination.endQuietly();
                a.put(Activity.MESSAGES, inbox.take());
                return a;
            }
            List<Message> messages = inbox.take();
            if (!Objects.equals(before, termination.value())) {
                a.put(Activity.TERMINATED, Map.of("value", termination.value()));
            }
            if (!messages.isEmpty()) {
                a.put(Activity.MESSAGES, messages);
            }
            Map<String, Integer> sigs = signals.take();
            if (!sigs.isEmpty()) {
                a.put(Activity.SIGS, sigs);
            }
            if (peers.due(messages, settings.cycle(), context.name())) {
                Map<String, Integer> delta;
                try {
                    delta = context.peerDelta(false);
                } catch (ClientClosedException | StoreGoneException e) {
                    termination.endQuietly();
                    return a;
                }
                if (!delta.isEmpty()) {
                    a.put(Activity.PEER_DELTA, delta);
                }
            }
            long after = System.nanoTime();
            if (after - lastInterval >= settings.interval().toNanos()) {
                a.put(Activity.INTERVAL, Boolean.TRUE);
                lastInterval = after;
            }
            if (watchedPidsDue(messages, after, settings)
                    && settings.watchPids().stream().anyMatch(p -> !Os.get().isRunning(p))) {
                a.put(Activity.PID_WATCH, Boolean.TRUE);
            }
            if (!a.isEmpty()) {
                return a;
            }
        }
    }
}
