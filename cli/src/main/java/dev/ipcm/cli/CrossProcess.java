package dev.ipcm.cli;

import dev.ipcm.Capability;
import dev.ipcm.ConnectionInfo;
import dev.ipcm.NotSupportedException;
import dev.ipcm.spi.Protocol;
import java.util.Map;

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

    /**
     * Before spawning on a database server: without an existing database given as {@code route},
     * the protocol creates a database or starts a temporary server that only the spawning JVM can
     * remove, and a temporary server ends with it.
     */
    static void requireRouteOnServer(CliContext ctx, Protocol protocol, Map<String, String> params) {
        if (ctx.ownProcess() && protocol.capabilities().has(Capability.REQUIRES_SERVER) && !params.containsKey("route")) {
            throw new NotSupportedException("A " + protocol.name() + " store that outlives 'ipcm spawn' needs an existing "
                    + "database: pass --param route=DSN (e.g. --param 'route=dbi:Pg:dbname=test;host=127.0.0.1'); "
                    + "a database or temporary server the command created itself could be removed only by its own JVM");
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
