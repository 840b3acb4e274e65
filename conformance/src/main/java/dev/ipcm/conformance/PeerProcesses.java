package dev.ipcm.conformance;

import dev.ipcm.IpcmException;
import dev.ipcm.internal.ChildJvm;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The peer processes one scenario started: child JVMs running {@link PeerProcess}, each waited
 * for until it says {@code ready}, and killed (with its descendants) when the scenario ends,
 * passed or not. They live for one scenario, so they start as ipcm's services do: C1 and the
 * serial collector, and a class-data archive where the class path allows one.
 */
final class PeerProcesses implements AutoCloseable {
    // A JVM start on a loaded 2-core machine can take many seconds; waiting for one is not a test of speed.
    private static final Duration MIN_START_TIMEOUT = Duration.ofSeconds(60);

    /** How long to wait for a child JVM to come up: the scenario's wait, but never less than a minute. */
    static Duration startTimeout(Duration wait) {
        return wait.compareTo(MIN_START_TIMEOUT) > 0 ? wait : MIN_START_TIMEOUT;
    }

    private final List<Process> processes = new ArrayList<>();
    private final Duration timeout;
    private final Duration startTimeout;

    PeerProcesses(Duration timeout) {
        this.timeout = timeout;
        this.startTimeout = startTimeout(timeout);
    }

    /** Starts {@code PeerProcess mode info name args...} and returns once it is connected. */
    Process start(String mode, String info, String name, String... args) {
        List<String> all = new ArrayList<>(List.of(mode, info, name));
        all.addAll(List.of(args));
        Process p;
        try {
            p = ChildJvm.of(PeerProcess.class).args(all).quickStart().shareClassData().start();
        } catch (IOException e) {
            throw new IpcmException("Could not start a child JVM for " + name + ": " + e.getMessage(), e);
        }
        processes.add(p);
        expectLine(p, "ready", startTimeout);
        return p;
    }

    /** Makes this set kill {@code p} (with its descendants) when it closes, and returns it. */
    Process track(Process p) {
        processes.add(p);
        return p;
    }

    /** Waits until the child prints {@code line}, failing after {@code timeout} or if it exits first. */
    void expectLine(Process p, String line, Duration timeout) {
        CompletableFuture<String> read = CompletableFuture.supplyAsync(() -> {
            try {
                return PeerProcess.readLine(p.getInputStream());
            } catch (IOException e) {
                return "<" + e + ">";
            }
        });
        try {
            String got = read.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!got.equals(line)) {
                throw new IpcmException("Child " + p.pid() + " printed '" + got + "' instead of '" + line
                        + "' (exit " + (p.isAlive() ? "still running" : p.exitValue()) + "); see its standard error above");
            }
        } catch (TimeoutException e) {
            throw new IpcmException("Child " + p.pid() + " did not print '" + line + "' within " + timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IpcmException("Interrupted waiting for child " + p.pid());
        } catch (ExecutionException e) {
            throw new IpcmException("Reading from child " + p.pid() + " failed: " + e.getCause());
        }
    }

    /** Kills a child as SIGKILL would (no clean-up runs in it) and waits until it is gone. */
    void kill(Process p) {
        p.destroyForcibly();
        awaitExit(p);
    }

    /** Closes the child's input (its signal to disconnect and exit) and waits for it. */
    void finish(Process p) {
        try {
            p.getOutputStream().close();
        } catch (IOException e) {
            // Already closed: the child is going anyway.
        }
        awaitExit(p);
    }

    void awaitExit(Process p) {
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        for (Process p : processes) {
            if (p.isAlive()) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                awaitExit(p);
            }
        }
        processes.clear();
    }
}
