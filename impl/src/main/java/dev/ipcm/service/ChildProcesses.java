package dev.ipcm.service;

import dev.ipcm.os.Os;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The processes a service launched (nested services, workers, helpers), its worker table and its
 * {@link WorkerThreads}.
 * Java sees only processes it started, so this stands in for {@code waitpid(-1)}: an exit wakes
 * the loop, and each pass collects exited children, dropping workers silently and reporting the
 * others with a raw wait status ({@link WaitStatus}).
 */
final class ChildProcesses {
    static final long KILL_AFTER_MILLIS = 15_000;

    private final Runnable wake;
    private final Map<Long, Process> processes = new LinkedHashMap<>();
    private final Map<Long, String> workers = new LinkedHashMap<>();
    private final WorkerThreads threads = new WorkerThreads();

    ChildProcesses(Runnable wake) {
        this.wake = wake;
    }

    /** Tracks a launched process; its exit wakes the loop. */
    synchronized void track(Process process) {
        processes.put(process.pid(), process);
        process.onExit().thenRun(wake);
    }

    synchronized void registerWorker(String name, long pid) {
        workers.put(pid, name);
    }

    /** Worker pid to name. */
    synchronized Map<Long, String> workers() {
        return new TreeMap<>(workers);
    }

    /** The service's worker threads, which end with its workers. */
    WorkerThreads threads() {
        return threads;
    }

    /** Collects exited children: non-workers as pid to raw status, workers removed silently. */
    synchronized Map<Long, Integer> reap() {
        Map<Long, Integer> out = new TreeMap<>();
        List<Long> done = new ArrayList<>();
        processes.forEach((pid, p) -> {
            if (!p.isAlive()) {
                done.add(pid);
                if (workers.remove(pid) == null) {
                    out.put(pid, WaitStatus.fromExitValue(p.exitValue()));
                }
            }
        });
        done.forEach(processes::remove);
        return out;
    }

    /**
     * Checks every worker without blocking: a running one gets {@code signal} (if not null), an
     * exited one is removed and reported as its name and raw status (-1 when not our child).
     */
    synchronized Map<Long, Map.Entry<String, Integer>> reapWorkers(String signal) {
        Map<Long, Map.Entry<String, Integer>> out = new TreeMap<>();
        for (Long pid : new ArrayList<>(workers.keySet())) {
            Process p = processes.get(pid);
            boolean alive = p != null ? p.isAlive() : ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
            if (alive) {
                if (signal != null) {
                    send(pid, p, signal);
                }
                continue;
            }
            String name = workers.remove(pid);
            Integer status = p != null ? WaitStatus.fromExitValue(p.exitValue()) : -1;
            processes.remove(pid);
            out.put(pid, Map.entry(name, status));
        }
        return out;
    }

    private static void send(long pid, Process p, String signal) {
        if (p != null && signal.equals("TERM")) {
            p.destroy();
        } else if (p != null && signal.equals("KILL")) {
            p.destroyForcibly();
        } else {
            Os.get().kill(pid, signal);
        }
    }

    /** TERM to every worker, then KILL to survivors every 15 s, until all have exited. */
    void terminateWorkers() {
        threads.terminate();
        if (workers().isEmpty()) {
            return;
        }
        reapWorkers("TERM");
        long escalate = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(KILL_AFTER_MILLIS);
        while (true) {
            reapWorkers(null);
            Map<Long, String> left = workers();
            if (left.isEmpty()) {
                return;
            }
            long wait = escalate - System.nanoTime();
            if (wait <= 0) {
                reapWorkers("KILL");
                escalate = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(KILL_AFTER_MILLIS);
                continue;
            }
            awaitAnyExit(left.keySet(), Math.min(wait, TimeUnit.MILLISECONDS.toNanos(50)));
        }
    }

    private void awaitAnyExit(Iterable<Long> pids, long nanos) {
        List<CompletableFuture<?>> exits = new ArrayList<>();
        synchronized (this) {
            for (Long pid : pids) {
                Optional.ofNullable(processes.get(pid)).ifPresent(p -> exits.add(p.onExit()));
            }
        }
        try {
            if (exits.isEmpty()) {
                TimeUnit.NANOSECONDS.sleep(nanos); // pids we did not start cannot be waited on
            } else {
                CompletableFuture.anyOf(exits.toArray(new CompletableFuture<?>[0])).get(nanos, TimeUnit.NANOSECONDS);
            }
        } catch (TimeoutException | java.util.concurrent.ExecutionException ignored) {
            // re-check below
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
