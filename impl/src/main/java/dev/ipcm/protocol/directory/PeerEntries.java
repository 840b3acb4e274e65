package dev.ipcm.protocol.directory;

import dev.ipcm.os.Os;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Predicate;

/**
 * The other clients of a route directory as one client sees them: their entries and the
 * {@code .pid}, {@code .name} and {@code .suspend} files beside them.
 *
 * @param self the on-disk name of the client looking, never one of its peers
 * @param isEndpoint the protocol's type test for an endpoint
 */
record PeerEntries(RouteDirectory route, String self, Predicate<Path> isEndpoint) {
    /** A recorded pid that names no running process (0 and "no pid" are not dead). */
    static boolean isDead(long pid) {
        return pid > 0 && !Os.get().isRunning(pid);
    }

    /** The ids of the other clients whose endpoint exists and whose pid is not dead, sorted. */
    List<String> list() {
        List<String> out = new ArrayList<>();
        for (String e : route.list()) {
            if (!isCandidate(e) || !isEndpoint.test(route.entry(e))) {
                continue;
            }
            try {
                OptionalLong owner = Sidecars.readPid(route.sidecar(e, ".pid"));
                if (owner.isPresent() && isDead(owner.getAsLong())) {
                    continue;
                }
                out.add(Sidecars.readName(route.sidecar(e, ".name")).orElse(e));
            } catch (IOException ex) {
                throw route.failure("read sidecars of", route.entry(e), ex);
            }
        }
        out.sort(null);
        return out;
    }

    /**
     * Whether a directory entry may be a client: not our own, not hidden ({@code .}), not being
     * torn down ({@code _}), not a sidecar. Unlike the reference we also skip {@code .pend}
     * files, so a half-written sidecar is never taken for a peer (only our listing is affected).
     */
    private boolean isCandidate(String entry) {
        return isOther(entry) && !entry.endsWith(Sidecars.PEND);
    }

    private boolean isOther(String entry) {
        return !entry.equals(self) && !entry.startsWith(".") && !entry.startsWith("_") && !Sidecars.isSidecar(entry);
    }

    /** The sweep: removes every other entry whose pidfile names a dead process; returns how many. */
    int reapDead() {
        int reaped = 0;
        for (String e : route.list()) {
            if (!isOther(e)) {
                continue;
            }
            try {
                OptionalLong owner = Sidecars.readPid(route.sidecar(e, ".pid"));
                if (owner.isPresent() && isDead(owner.getAsLong())) {
                    route.remove(e);
                    reaped++;
                }
            } catch (IOException ex) {
                throw route.failure("reap", route.entry(e), ex);
            }
        }
        return reaped;
    }

    /** The pid in on-disk name {@code n}'s pidfile; none for a missing, unreadable or 0 pid. */
    OptionalLong recordedPid(String n) {
        Path file = route.sidecar(n, ".pid");
        try {
            OptionalLong p = Sidecars.readPid(file);
            return p.isPresent() && p.getAsLong() == 0 ? OptionalLong.empty() : p;
        } catch (IOException e) {
            throw route.failure("read pidfile", file, e);
        }
    }

    /** The deadline in on-disk name {@code n}'s suspend file, if it has a valid one. */
    Optional<BigDecimal> suspendDeadline(String n) {
        Path file = route.sidecar(n, ".suspend");
        try {
            return Sidecars.readDeadline(file);
        } catch (IOException e) {
            throw route.failure("read suspend file", file, e);
        }
    }
}
