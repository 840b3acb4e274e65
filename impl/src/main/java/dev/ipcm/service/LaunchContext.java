package dev.ipcm.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ipcm.internal.ChildJvm;
import dev.ipcm.internal.Json;
import dev.ipcm.os.Os;
import java.io.IOException;
import org.apiguardian.api.API;

/**
 * What a post-launch hook runs in: the Java form of forking inside the hook. The process that
 * was launched first can hand the service over to a further JVM, which runs the same hook again
 * (where these calls simply return) and then the service, so {@code childPid} (the first
 * process) and {@code servicePid} (the final one) differ.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class LaunchContext {
    static final String DEPTH_KEY = "ipcm_relaunch_depth";

    /** Work done by the first process before it hands over. */
    @FunctionalInterface
    public interface Step {
        /** Runs the step. */
        void run() throws Exception;
    }

    private final ObjectNode params;
    private final boolean threadMode;

    LaunchContext(ObjectNode params, boolean threadMode) {
        this.params = params;
        this.threadMode = threadMode;
    }

    /** How many times the service was relaunched on its way here (0 in the first launched process). */
    public int depth() {
        return params.path(DEPTH_KEY).asInt(0);
    }

    /** Whether this process was started by a hook's hand-over (so it runs the service). */
    public boolean isRelaunched() {
        return depth() > 0;
    }

    /** This process's pid. */
    public long pid() {
        return Os.get().pid();
    }

    /**
     * Daemonizes: in the first process, runs {@code inFirst}, starts a further JVM for the service
     * and exits 0 without waiting for it. In the relaunched process, returns at once.
     */
    public void daemonize(Step inFirst) throws Exception {
        if (isRelaunched()) {
            return;
        }
        inFirst.run();
        relaunch();
        System.exit(0);
    }

    /**
     * Interposes: in the first process, runs {@code inFirst}, starts a further JVM for the service,
     * waits for it and exits with its exit code (the first process stays alive as a wrapper while
     * the service runs). In the relaunched process, returns at once.
     */
    public void interpose(Step inFirst) throws Exception {
        if (isRelaunched()) {
            return;
        }
        inFirst.run();
        Process p = relaunch();
        int code;
        try {
            code = p.waitFor();
        } catch (InterruptedException e) {
            p.destroy();
            code = 255;
        }
        System.exit(code);
    }

    private Process relaunch() throws IOException {
        if (threadMode) {
            throw new ServiceConfigException("A service running in a thread cannot be relaunched as another process; "
                    + "start it in a child JVM to daemonize or interpose");
        }
        ObjectNode next = params.deepCopy();
        next.put(DEPTH_KEY, depth() + 1);
        // The JVM options this process was started with (extra ones included) carry over by themselves,
        // and the tuning its launcher chose for it is chosen again for the process that takes over.
        return ChildJvm.of(ServiceMain.class).args(Json.encodeToString(next)).inheritOutput().sameTuningAsThisJvm().start();
    }
}
