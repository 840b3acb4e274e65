package dev.ipcm.service;

import dev.ipcm.NotSupportedException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * The signals a running service grabs. Each handler only counts and wakes the loop, which calls
 * the service's callbacks on its own thread; the handlers that were installed before are put
 * back when the service stops. Signals are process-wide, so a service running in a thread
 * grabs them for the whole JVM.
 */
final class SignalTrap {
    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
    private final Map<String, SignalHandler> previous = new LinkedHashMap<>();
    private final Runnable wake;

    SignalTrap(Runnable wake) {
        this.wake = wake;
    }

    /** The bare upper-case name ({@code USR1} for {@code sigusr1}). */
    static String normalise(String name) {
        String n = name.trim().toUpperCase(Locale.ROOT);
        return n.startsWith("SIG") ? n.substring(3) : n;
    }

    /**
     * Installs counting handlers; on a signal the JVM refuses, the ones already installed are
     * restored and the refusal is reported.
     *
     * @throws NotSupportedException naming the signal the JVM will not hand to user code
     */
    void grab(Iterable<String> names) {
        for (String raw : names) {
            String name = normalise(raw);
            if (previous.containsKey(name)) {
                continue;
            }
            counts.putIfAbsent(name, new AtomicInteger());
            try {
                SignalHandler old = Signal.handle(new Signal(name), sig -> {
                    counts.get(name).incrementAndGet();
                    wake.run();
                });
                previous.put(name, old);
            } catch (IllegalArgumentException e) {
                restore();
                throw new NotSupportedException("Cannot handle signal " + name + " in a Java service: the JVM refuses it ("
                        + e.getMessage() + "); INT, TERM, HUP, USR1 and USR2 can be handled, QUIT and the JVM's own "
                        + "signals cannot", e);
            }
        }
    }

    /** Puts back the handlers that were installed before {@link #grab}. */
    void restore() {
        previous.forEach((name, old) -> {
            try {
                Signal.handle(new Signal(name), old);
            } catch (IllegalArgumentException ignored) {
                // It was accepted on the way in; nothing sensible to do if the JVM now refuses.
            }
        });
        previous.clear();
    }

    /** Whether handlers are installed. */
    boolean isGrabbing() {
        return !previous.isEmpty();
    }

    /** Takes the counts of every signal that arrived since the last call (name to count). */
    Map<String, Integer> take() {
        Map<String, Integer> out = new TreeMap<>();
        counts.forEach((name, c) -> {
            int n = c.getAndSet(0);
            if (n > 0) {
                out.put(name, n);
            }
        });
        return out;
    }
}
