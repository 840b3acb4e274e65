package dev.ipcm.internal;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apiguardian.api.API;

/**
 * Runs the sweep of stores left by dead owners at most once per JVM for each place (a parent
 * directory, a server), so spawning many stores costs one sweep; a failing sweep is a warning,
 * never a failed spawn.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class SweepOnce {
    private static final Set<String> DONE = ConcurrentHashMap.newKeySet();

    private SweepOnce() {}

    /** Runs {@code sweep} unless a sweep of {@code place} already ran in this JVM. */
    public static void run(String place, Runnable sweep) {
        if (!DONE.add(place)) {
            return;
        }
        try {
            sweep.run();
        } catch (RuntimeException e) {
            warn("could not sweep the stores of dead owners in " + place + ": " + e);
        }
    }

    /** Logs one store that was swept, or could not be. */
    public static void warn(String text) {
        System.getLogger("dev.ipcm").log(System.Logger.Level.WARNING, text);
    }

    /** Notes a store that was swept. */
    public static void swept(String what) {
        System.getLogger("dev.ipcm").log(System.Logger.Level.INFO, "swept " + what + ": its owner died");
    }
}
