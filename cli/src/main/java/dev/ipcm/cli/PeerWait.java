package dev.ipcm.cli;

import dev.ipcm.Client;
import dev.ipcm.NoSuchPeerException;
import java.time.Duration;

/** Makes sure a peer is registered before a send, waiting for it up to a deadline when asked to. */
final class PeerWait {
    private PeerWait() {}

    /**
     * Returns once {@code peer} is registered on the client's store.
     *
     * @param wait how long it may take to appear; {@code null} or zero means it must be there now
     * @throws NoSuchPeerException when it is not there, or did not appear in time
     */
    static void require(Client client, String peer, Duration wait) {
        if (client.peerExists(peer)) {
            return;
        }
        if (wait == null || wait.isZero()) {
            throw new NoSuchPeerException("There is no peer '" + peer + "' on this store: start its receiver first "
                    + "(e.g. 'ipcm recv INFO --name " + peer + "'), or pass --wait SECONDS to wait for it");
        }
        if (!appeared(client, peer, wait)) {
            throw new NoSuchPeerException("Peer '" + peer + "' did not appear on the store within "
                    + Seconds.format(wait) + "; start its receiver, or wait longer with --wait");
        }
    }

    /**
     * Returns once the service {@code name} is registered, so that a request sent at once after
     * starting the service (a shell's {@code &}) finds it; the reference's handle waits the same way.
     *
     * @throws NoSuchPeerException when it did not appear within {@code wait}
     */
    static void requireService(Client client, String name, Duration wait) {
        if (!appeared(client, name, wait)) {
            throw new NoSuchPeerException("There is no service '" + name + "' on this store: it did not appear within "
                    + Seconds.format(wait) + "; start it first (e.g. 'ipcm echo INFO --name " + name
                    + " &'), or give it longer with --timeout SECONDS");
        }
    }

    private static boolean appeared(Client client, String peer, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (!client.peerExists(peer)) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            // Wakes on any arrival or departure; the loop checks whether it was the one we want.
            client.awaitPeerChange(Duration.ofNanos(left));
        }
        return true;
    }
}
