package dev.ipcm.service;

import dev.ipcm.Capability;
import dev.ipcm.Client;
import dev.ipcm.os.Os;
import java.math.BigDecimal;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Whether the peer of a pending request should still be waited for. Decided from the client's
 * {@link dev.ipcm.Capabilities}, never from the protocol's name: where peers can suspend, a
 * suspended peer (no running pid, still registered) is not gone, but an unregistered one is;
 * elsewhere a dead pid means gone.
 */
final class PeerLiveness {
    private PeerLiveness() {}

    static boolean isAlive(Client client, String peer, long pidAtSend) {
        Optional<BigDecimal> deadline = client.peerSuspendExpires(peer);
        if (deadline.isPresent() && deadline.get().compareTo(nowSeconds()) < 0) {
            return false;
        }
        if (client.capabilities().has(Capability.SUSPEND)) {
            if (!client.peerExists(peer)) {
                return false;
            }
            if (pidAtSend > 0) {
                OptionalLong now = client.peerPid(peer);
                // Same registration still recorded but not active (its pid not running here, or on a server store
                // its token released, on whatever host it ran): killed without deregistering.
                if (now.isPresent() && now.getAsLong() == pidAtSend && !client.peerActive(peer)) {
                    return false;
                }
            }
            return true;
        }
        // Without suspend, an unregistered peer left for good, even if its process lives on.
        if (!client.peerExists(peer)) {
            return false;
        }
        // A pid of 0 means "unknown at send time" here (IPC::Manager would throw on it).
        if (pidAtSend > 0) {
            return running(pidAtSend);
        }
        return client.peerActive(peer);
    }

    private static boolean running(long pid) {
        return Os.get().isRunning(pid);
    }

    private static BigDecimal nowSeconds() {
        return BigDecimal.valueOf(System.currentTimeMillis()).movePointLeft(3);
    }
}
