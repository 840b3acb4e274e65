package dev.ipcm.service;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The worker threads of a service. A thread's TERM is an interrupt; a thread cannot be killed, so
 * one that ignores its interrupt for 15 s is reported and left behind (it is a daemon).
 */
final class WorkerThreads {
    private final Map<Thread, String> threads = new LinkedHashMap<>();

    synchronized void track(String name, Thread thread) {
        threads.put(thread, name);
    }

    /** The worker threads still running, with their names. */
    synchronized Map<Thread, String> running() {
        threads.keySet().removeIf(t -> !t.isAlive());
        return new LinkedHashMap<>(threads);
    }

    /** Interrupts every worker thread and waits up to 15 s for them all. */
    void terminate() {
        Map<Thread, String> left = running();
        left.keySet().forEach(Thread::interrupt);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ChildProcesses.KILL_AFTER_MILLIS);
        for (Map.Entry<Thread, String> e : left.entrySet()) {
            try {
                e.getKey().join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                return;
            }
            if (e.getKey().isAlive()) {
                System.getLogger("dev.ipcm.service").log(System.Logger.Level.WARNING, "worker thread '" + e.getValue()
                        + "' ignored its interrupt for " + ChildProcesses.KILL_AFTER_MILLIS / 1000
                        + " s and is left running");
            }
        }
        running(); // forgets the threads that ended
    }
}
