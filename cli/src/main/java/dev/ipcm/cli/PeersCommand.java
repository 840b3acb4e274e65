package dev.ipcm.cli;

import dev.ipcm.Client;
import dev.ipcm.NameTakenException;
import dev.ipcm.PeerHost;
import dev.ipcm.os.Os;
import java.util.OptionalLong;
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
    // One fixed name, because file stores keep a departed client's pid and stats files until the
    // name connects again: a fresh name per run would leave two files behind every time.
    static final String DEFAULT_NAME = "ipcm-peers";
    private static final AtomicLong RUNS = new AtomicLong();

    private final CliContext ctx;

    @Parameters(index = "0", paramLabel = "INFO", description = "The store's info string.")
    String info;

    @Option(names = "--name", paramLabel = "NAME",
            description = "The client name to look as (default: " + DEFAULT_NAME + ", or " + DEFAULT_NAME
                    + "-PID-N while another look is under way).")
    String name;

    @Option(names = "--long", description = {"Print each peer as NAME<TAB>PID<TAB>HOST: its recorded pid ('-' while"
            + " suspended) and the host it runs on, as server stores record it for Java peers ('-' where the store"
            + " records none: this machine, or a Perl peer)."})
    boolean longFormat;

    @Mixin
    Credentials credentials;

    PeersCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        try (Session session = open()) {
            Client client = session.client();
            for (String peer : client.peers()) {
                ctx.println(longFormat ? describe(client, peer) : peer);
            }
        }
        return ExitCodes.OK;
    }

    /** One peer as {@code NAME<TAB>PID<TAB>HOST}. */
    private static String describe(Client client, String peer) {
        OptionalLong pid = client.peerPid(peer);
        String host = client.peerHost(peer).map(PeerHost::name).orElse("-");
        return peer + "\t" + (pid.isPresent() ? Long.toString(pid.getAsLong()) : "-") + "\t" + host;
    }

    private Session open() {
        if (name != null) {
            return Session.open(ctx, info, name, credentials.params(ctx));
        }
        try {
            return Session.open(ctx, info, DEFAULT_NAME, credentials.params(ctx));
        } catch (NameTakenException e) {
            String unique = DEFAULT_NAME + "-" + Os.get().pid() + "-" + RUNS.incrementAndGet();
            return Session.open(ctx, info, unique, credentials.params(ctx));
        }
    }
}
