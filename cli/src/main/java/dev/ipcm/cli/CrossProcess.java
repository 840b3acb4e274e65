package dev.ipcm.cli;

import dev.ipcm.Capability;
import dev.ipcm.ConnectionInfo;
import dev.ipcm.NotSupportedException;
import dev.ipcm.spi.Protocol;

/**
 * Refuses, with the reason, protocols whose stores live inside one JVM when the command runs in a
 * JVM of its own: such a store would vanish with the command, and no later command could reach it.
 */
final class CrossProcess {
    private CrossProcess() {}

    /** Before spawning a store that must outlive the command. */
    static void requireForSpawn(CliContext ctx, Protocol protocol) {
        if (ctx.ownProcess() && !protocol.capabilities().has(Capability.CROSS_PROCESS)) {
            throw new NotSupportedException("The " + protocol.name() + " protocol keeps its store inside one JVM: "
                    + "a store spawned by 'ipcm spawn' would vanish when the command exits; "
                    + "spawn a cross-process protocol instead, e.g. --protocol MessageFiles");
        }
    }


    /** Before reaching a store another command spawned. */
    static void requireForConnect(CliContext ctx, Protocol protocol, ConnectionInfo info) {
        if (ctx.ownProcess() && !protocol.capabilities().has(Capability.CROSS_PROCESS)) {
            throw new NotSupportedException("The " + protocol.name() + " store '" + info.route()
                    + "' lives only inside the JVM that spawned it, and each ipcm command runs in a JVM of its own, "
                    + "so it cannot be reached from here; use a store of a cross-process protocol, "
                    + "e.g. 'ipcm spawn --protocol MessageFiles'");
        }
    }
}
