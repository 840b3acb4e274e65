package dev.ipcm.conformance;

import dev.ipcm.Client;
import dev.ipcm.IpcmException;
import java.time.Duration;

/** Sends into a deleted store until it says so: a connection opened before may carry a few sends until its client notices. */
final class StoreGone {
    private StoreGone() {}

    /** The exception a send from {@code client} to {@code to} threw before the deadline, or {@code null} if every send went through. */
    static IpcmException onSend(Client client, String to, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                client.send(to, "into a deleted store");
                Thread.onSpinWait();
            } catch (IpcmException e) {
                return e;
            }
        }
        return null;
    }
}
