package dev.ipcm.protocol.directory;

import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * The pids peers' pidfiles recorded, kept while the route directory is unchanged. A requester asks
 * for its service's pid with every request (to tell later whether the process it sent to is gone),
 * and reading a pidfile costs six system calls; a peer's pidfile, its endpoint and the pidfile's
 * replacement (both ipcm and IPC::Manager write it aside and rename it in) all change entries of the
 * route, which the directory watch counts ({@link RouteChanges#version()}). Without an
 * event-driven watch every version is new, so nothing is kept.
 */
final class RecordedPids {
    private final RouteChanges changes;
    private final Map<String, OptionalLong> known = new HashMap<>();
    private long knownAt = RouteChanges.NOT_SEEN;

    RecordedPids(RouteChanges changes) {
        this.changes = changes;
    }

    /** The pid recorded for on-disk name {@code n}, looked up with {@code lookUp} unless known at this version. */
    synchronized OptionalLong get(String n, Function<String, OptionalLong> lookUp) {
        // Read before the look-up, so a change during it is seen next time (see RouteChanges).
        long version = changes.version();
        if (version != knownAt) {
            known.clear();
            knownAt = version;
        }
        OptionalLong pid = known.get(n);
        if (pid == null) {
            pid = lookUp.apply(n);
            known.put(n, pid);
        }
        return pid;
    }
}
