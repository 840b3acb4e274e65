package dev.ipcm.conformance;

import dev.ipcm.IpcmException;
import dev.ipcm.internal.ChildJvm;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Child JVMs running {@link SendingPeer}, kept for every try of one property: the first try that
 * needs a sender starts it, later tries reuse it, and a try that fails closes them all so the
 * next starts clean. Kept in jqwik's store for the property, which closes it (the children
 * killed) when the property ends.
 */
final class SendingPeers implements net.jqwik.api.lifecycle.Store.CloseOnReset {
    private final List<Process> children = new ArrayList<>();
    private final PeerProcesses processes;
    private final Duration timeout;

    SendingPeers(Duration timeout) {
        this.timeout = timeout;
        this.processes = new PeerProcesses(timeout);
    }

    /** This property's senders, made on the first call. */
    static SendingPeers ofThisProperty(Duration timeout) {
        return net.jqwik.api.lifecycle.Store.getOrCreate(SendingPeers.class, net.jqwik.api.lifecycle.Lifespan.PROPERTY,
                () -> new SendingPeers(timeout)).get();
    }

    /** Makes child {@code index} connect to {@code info} as {@code name} and send messages of {@code sizes} to {@code to}. */
    void send(int index, String info, String name, String to, String sizes) {
        boolean fresh = children.size() <= index;
        Process child = child(index);
        command(child, String.join("\t", "send", info, name, to, sizes));
        // The first command to a child also waits for its JVM to start, which a loaded machine makes slow.
        processes.expectLine(child, "ready", fresh ? PeerProcesses.startTimeout(timeout) : timeout);
    }

    /** Waits until child {@code index} has sent everything, then makes it disconnect, and waits until it has. */
    void leave(int index) {
        Process child = children.get(index);
        processes.expectLine(child, "sent", timeout);
        command(child, "leave");
        processes.expectLine(child, "left", timeout);
    }

    private Process child(int index) {
        while (children.size() <= index) {
            try {
                children.add(processes.track(ChildJvm.of(SendingPeer.class).quickStart().shareClassData().start()));
            } catch (IOException e) {
                throw new IpcmException("Could not start a child JVM to send from: " + e.getMessage(), e);
            }
        }
        return children.get(index);
    }

    private static void command(Process child, String line) {
        try {
            OutputStream out = child.getOutputStream();
            out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            throw new IpcmException("Child " + child.pid() + " no longer takes commands (" + e.getMessage()
                    + "); see its standard error above");
        }
    }

    /** Kills every child; the next command starts a new one. */
    @Override
    public void close() {
        children.clear();
        processes.close();
    }
}
