package dev.ipcm.cli;

import dev.ipcm.os.Os;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ipcm peers}: lists the clients on a store, one name per line. */
@Command(name = "peers", mixinStandardHelpOptions = true,
        description = {"Print the name of every client on the store (connected or suspended), one per line, sorted.",
            "Looking means connecting: the command joins briefly under a name of its own, which is not listed."})
final class PeersCommand implements Callable<Integer> {
    private static final AtomicLong RUNS = new AtomicLong();

    private final CliContext ctx;

    @Parameters(index = "0", paramLabel = "INFO", description = "The store's info string.")
    String info;

    @Option(names = "--name", paramLabel = "NAME",
            description = "The client name to look as (default: ipcm-peers-PID-N).")
    String name;

    @Mixin
    Credentials credentials;

    PeersCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        String self = name != null ? name : "ipcm-peers-" + Os.get().pid() + "-" + RUNS.incrementAndGet();
        try (Session session = Session.open(ctx, info, self, credentials.params(ctx))) {
            for (String peer : session.client().peers()) {
                ctx.println(peer);
            }
        }
        return ExitCodes.OK;
    }
}
