package dev.ipcm.cli;

import dev.ipcm.Capability;
import dev.ipcm.Client;
import dev.ipcm.ConnectionInfo;
import dev.ipcm.IpcmException;
import dev.ipcm.StoreGoneException;
import dev.ipcm.spi.Protocol;
import dev.ipcm.spi.Protocols;
import dev.ipcm.internal.Json;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ipcm destroy}: removes a store that {@code ipcm spawn} (or any other process) left behind. */
@Command(name = "destroy", mixinStandardHelpOptions = true,
        description = {"Remove a store. Clients still connected to it get a terminate message first, so that "
                + "'ipcm recv', 'ipcm echo' and the reference's services end, and the store is removed once "
                + "they have left (or after --timeout); any other client loses the store.",
            "Refuses, with exit code 2, when there is no such store, when the route is not a private store of yours, "
                + "or for a database-server store whose database 'ipcm spawn' did not create "
                + "(it drops only those, on the server its IPCM_<NAME>_URL names)."})
final class DestroyCommand implements Callable<Integer> {
    private final CliContext ctx;

    @Parameters(index = "0", paramLabel = "INFO", description = "The store's info string.")
    String info;

    @Option(names = "--timeout", paramLabel = "SECONDS", converter = Seconds.class, defaultValue = "5",
            description = "How long connected clients get to leave after the terminate message before the store "
                    + "is removed under them (default: ${DEFAULT-VALUE}).")
    Duration leaveTimeout;

    @Mixin
    Credentials credentials;

    DestroyCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        ConnectionInfo parsed = ConnectionInfo.parse(info);
        Protocol protocol = Protocols.byName(parsed.protocol());
        CrossProcess.requireForConnect(ctx, protocol, parsed);
        if (protocol.capabilities().has(Capability.REQUIRES_SERVER)) {
            // The database is checked before anyone is told to stop: one not spawned by ipcm stays as it is.
            SpawnedDatabase.requireSpawned(parsed.route());
            try {
                terminatePeers();
            } catch (IpcmException e) {
                // A database already gone cannot be reached; the drop below says so, naming it.
            }
            SpawnedDatabase.drop(protocol, parsed.route(), credentials.params(ctx));
            return ExitCodes.OK;
        }
        if (!protocol.storeExists(parsed.route())) {
            throw new StoreGoneException("There is no " + protocol.name() + " store at '" + parsed.route()
                    + "': it was already destroyed, or the info string is stale; nothing to destroy");
        }
        RemovalGuard.check(parsed.route());
        terminatePeers();
        // Nothing from the spawning process is needed: the route alone names everything to remove.
        protocol.unspawn(parsed.route(), null);
        return ExitCodes.OK;
    }

    /**
     * Not every store lets a waiting client see its files vanish (an SQLite file stays readable
     * through an open handle), so the peers are told to stop, as a store's shutdown tells them,
     * and given time to leave: a service still reading when its store goes fails instead of
     * ending (a reference service on PostgreSQL dies on the dropped database's terminated session).
     */
    private void terminatePeers() {
        try (Session session = Session.open(ctx, info, "ipcm-destroy-" + ProcessHandle.current().pid(),
                credentials.params(ctx))) {
            Client client = session.client();
            if (!client.peers().isEmpty()) {
                client.broadcast(Json.mapper().createObjectNode().put("terminate", 1));
                List<String> stayed = awaitConnectedPeersLeaving(client, leaveTimeout);
                if (!stayed.isEmpty()) {
                    ctx.warn("still connected after " + Seconds.format(leaveTimeout) + ", removing the store anyway: "
                            + String.join(", ", stayed) + " (give them longer with --timeout SECONDS)");
                }
            }
        }
    }

    /** Waits until no peer is connected (a suspended one is not); returns those still connected at the deadline. */
    private static List<String> awaitConnectedPeersLeaving(Client client, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<String> connected = client.peers().stream().filter(client::peerActive).toList();
            long left = deadline - System.nanoTime();
            if (connected.isEmpty() || left <= 0) {
                return connected;
            }
            // Wakes on a departure; the slice bounds how late a peer whose process died unseen is noticed.
            client.awaitPeerChange(Duration.ofNanos(Math.min(left, Duration.ofMillis(200).toNanos())));
        }
    }
}
