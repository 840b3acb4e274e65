package dev.ipcm;

import java.util.Objects;
import org.apiguardian.api.API;

/**
 * Where a peer runs, as its store recorded it: a host id that two processes share exactly when
 * they see one process table (the kernel's boot id and the PID namespace), a readable host name,
 * and whether that is this process's host. Only then does the peer's pid name a process here.
 * Server stores record it for Java peers (docs/protocols/databases.md, "Across machines").
 *
 * @param id the host id; equal ids mean one process table
 * @param name the host name, for people
 * @param local whether pids of this host are this process's pids
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record PeerHost(String id, String name, boolean local) {
    /** Checks that id and name are present. */
    public PeerHost {
        Objects.requireNonNull(id, "id must not be null");
        Objects.requireNonNull(name, "name must not be null");
    }
}
