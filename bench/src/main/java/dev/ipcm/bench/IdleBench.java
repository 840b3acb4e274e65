package dev.ipcm.bench;

import dev.ipcm.protocol.db.server.DatabaseServers;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Runs {@link IdleQueriesMain} in a child JVM that sees no configured server, so the store gets a private one. */
final class IdleBench {
    private IdleBench() {}

    static IdleFigures measure(String protocol, int receivers, long windowMillis, long timeoutNanos,
            Consumer<String> progress) {
        progress.accept(protocol + ": counting the queries of " + receivers + " idle receivers for " + windowMillis
                + " ms on a private temporary server");
        Map<String, String> noServer = new java.util.HashMap<>();
        for (DatabaseServers.Kind kind : DatabaseServers.Kind.values()) {
            noServer.put(kind.environmentVariable(), ""); // blank counts as not configured
        }
        try (ChildPeer child = ChildPeer.start(IdleQueriesMain.class,
                List.of(protocol, Integer.toString(receivers), Long.toString(windowMillis)), noServer)) {
            String[] f = child.expect("IDLE", System.nanoTime() + timeoutNanos).split(" ");
            return new IdleFigures(protocol, receivers, Long.parseLong(f[1]), Long.parseLong(f[0]), null);
        } catch (Exception | LinkageError e) {
            String why = e.getMessage() == null ? e.toString() : e.getMessage();
            progress.accept(protocol + " idle queries: FAILED: " + why);
            return new IdleFigures(protocol, receivers, 0, 0, why);
        }
    }
}
