package dev.ipcm.service;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.ipcm.Client;
import dev.ipcm.IpcmException;
import dev.ipcm.Store;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * What a launch started for a handle, which closing the handle ends: the store it spawned, and
 * the service's process or thread (each null when there is none). A handle on a store it did
 * not spawn owns nothing.
 */
record LaunchedService(Store store, Process process, Thread thread) {
    /** Nothing owned. */
    static final LaunchedService NOTHING = new LaunchedService(null, null, null);
    private static final long REAP_WAIT_MILLIS = 10_000;

    /**
     * A store's shutdown disconnects every client of its own JVM right after its terminate
     * broadcast, which could cut a service running in a thread off before it has read that
     * message. Such a service is ended first, with the same terminate message sent by
     * {@code client}, so it runs its clean-up exactly as a service in its own process does.
     */
    void endThreadService(Supplier<Client> client, String serviceName) {
        if (thread == null || store == null || !thread.isAlive()) {
            return;
        }
        try {
            client.get().send(serviceName, JsonNodeFactory.instance.objectNode().put("terminate", 1));
            thread.join(REAP_WAIT_MILLIS);
        } catch (IpcmException e) {
            warn("could not ask service '" + serviceName + "' to terminate: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Shuts the owned store down (which terminates the service), then reaps the service's process or thread. */
    void end(String serviceName) {
        if (store == null) {
            return;
        }
        try {
            store.close();
        } finally {
            reap(serviceName);
        }
    }

    private void reap(String serviceName) {
        if (process != null) {
            try {
                if (!process.waitFor(REAP_WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
                    warn("service '" + serviceName + "' (pid " + process.pid()
                            + ") did not exit after its store shut down; killing it");
                    process.destroyForcibly();
                    process.waitFor(REAP_WAIT_MILLIS, TimeUnit.MILLISECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
        if (thread != null) {
            try {
                thread.join(REAP_WAIT_MILLIS);
                if (thread.isAlive()) {
                    warn("service thread '" + thread.getName() + "' did not end after its store shut down");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    static void warn(String text) {
        System.getLogger("dev.ipcm.service").log(System.Logger.Level.WARNING, text);
    }
}
