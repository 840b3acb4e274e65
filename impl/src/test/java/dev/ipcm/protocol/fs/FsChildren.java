package dev.ipcm.protocol.fs;

import dev.ipcm.internal.ChildJvm;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Starting {@link FsChild} processes and waiting for what they print, each wait with a deadline. */
final class FsChildren {
    private FsChildren() {}

    /** Starts a child and waits (at most 60 s) until it printed {@code READY}. */
    static Process start(String... args) throws Exception {
        Process p = ChildJvm.of(FsChild.class).args(args).jvmOption("-Xshare:auto").jvmOption("-XX:TieredStopAtLevel=1")
                .start();
        awaitLine(p, "READY", 60);
        return p;
    }

    /** Waits until the child prints {@code expected}, failing after {@code seconds}. */
    static void awaitLine(Process p, String expected, long seconds) throws Exception {
        BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<Boolean> seen = CompletableFuture.supplyAsync(() -> {
            try {
                String line;
                while ((line = r.readLine()) != null) {
                    if (line.equals(expected)) {
                        return true;
                    }
                }
                return false;
            } catch (IOException e) {
                return false;
            }
        });
        try {
            if (!seen.get(seconds, TimeUnit.SECONDS)) {
                throw new IllegalStateException("child " + p.pid() + " ended without printing " + expected);
            }
        } catch (TimeoutException e) {
            p.destroyForcibly();
            throw new IllegalStateException("child " + p.pid() + " did not print " + expected + " within " + seconds + " s");
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Kills with SIGKILL and waits (at most 30 s) until the process is gone. */
    static void kill(Process p) throws InterruptedException {
        // Through the handle: Process.destroyForcibly also closes the child's output streams, and a
        // reader that had not yet read the last lines (a writer's acknowledgements) lost them.
        p.toHandle().destroyForcibly();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("child " + p.pid() + " survived SIGKILL for 30 s");
        }
    }
}
