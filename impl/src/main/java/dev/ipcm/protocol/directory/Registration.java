package dev.ipcm.protocol.directory;

import dev.ipcm.IpcmException;
import dev.ipcm.NameTakenException;
import dev.ipcm.NoSuchPeerException;
import dev.ipcm.os.Os;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * A client's own entry in the route directory and the files that say who holds it: claimed at
 * connect (reaping a dead holder first), checked at reconnect, given up at suspend. The rules are
 * in docs/protocols/file-stores.md ("Connect, reconnect, suspend").
 */
record Registration(DirectoryClient client, RouteDirectory route, String onDiskName) {
    /**
     * Connect: creates the endpoint, reaping the leftovers of a dead holder of the name first,
     * except an endpoint that keeps mail, which is taken over as it is.
     */
    void claim(Path endpoint) {
        try {
            if (Files.exists(endpoint, LinkOption.NOFOLLOW_LINKS)) {
                OptionalLong owner = Sidecars.readPid(pidFile());
                if (owner.isPresent() && PeerEntries.isDead(owner.getAsLong())) {
                    if (client.keepsMail() && client.isEndpoint(endpoint)) {
                        return; // taken over with the mail that waited, as a reconnect would
                    }
                    route.remove(onDiskName);
                } else {
                    throw taken(owner);
                }
            }
            try {
                client.createEndpoint(endpoint);
            } catch (FileAlreadyExistsException e) {
                throw taken(OptionalLong.empty());
            }
            if (!onDiskName.equals(client.name())) {
                Sidecars.writeAtomically(route.sidecar(onDiskName, ".name"),
                        client.name().getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw route.failure("create endpoint", endpoint, e);
        }
    }

    private NameTakenException taken(OptionalLong owner) {
        return new NameTakenException(client.name() + " " + client.endpointType() + " already exists in " + route.path()
                + (owner.isPresent() ? " (held by running pid " + owner.getAsLong() + ")"
                        : " (suspended, or being set up by another process)")
                + "; choose another name, or reconnect if it is a suspended client of yours");
    }

    /** Reconnect: the endpoint must still be there and no running process may hold the name. */
    void checkReconnectable(Path endpoint) {
        if (!client.isEndpoint(endpoint)) {
            throw new NoSuchPeerException(client.name() + " " + client.endpointType() + " does not exist in "
                    + route.path() + ": it disconnected or was reaped; connect it afresh instead of reconnecting");
        }
        try {
            OptionalLong owner = Sidecars.readPid(pidFile());
            if (owner.isPresent() && owner.getAsLong() > 0 && Os.get().isRunning(owner.getAsLong())) {
                throw new NameTakenException("Looks like the connection is already running in pid " + owner.getAsLong()
                        + " for '" + client.name() + "'; only a suspended client can be reconnected");
            }
        } catch (IOException e) {
            throw route.failure("read pidfile", pidFile(), e);
        }
    }

    /** Records this process as the holder ({@code N.pid}) and clears a suspend deadline. */
    void markHeld(long pid) throws IOException {
        Sidecars.writeAtomically(pidFile(), Sidecars.formatPid(pid));
        Sidecars.deleteIfExists(route.sidecar(onDiskName, ".suspend"));
    }

    /** Suspend: the pidfile goes (nobody holds the name) and the deadline, if any, is written. */
    void markSuspended(BigDecimal expiresAt) {
        byte[] deadline;
        try {
            deadline = expiresAt == null ? null : Sidecars.formatDeadline(expiresAt);
        } catch (IllegalArgumentException e) {
            throw new IpcmException("Cannot suspend '" + client.name() + "': " + e.getMessage()
                    + "; pass a deadline after 1970-01-01 (nothing was changed)", e);
        }
        try {
            Files.delete(pidFile());
        } catch (IOException e) {
            throw route.failure("unlink pidfile", pidFile(), e);
        }
        if (deadline != null) {
            Path file = route.sidecar(onDiskName, ".suspend");
            try {
                Sidecars.writeAtomically(file, deadline);
            } catch (IOException e) {
                throw route.failure("write suspend file", file, e);
            }
        }
    }

    Path pidFile() {
        return route.sidecar(onDiskName, ".pid");
    }
}
