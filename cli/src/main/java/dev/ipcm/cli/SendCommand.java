package dev.ipcm.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ipcm.spi.ClientNames;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ipcm send}: connects, sends one message, disconnects. */
@Command(name = "send", mixinStandardHelpOptions = true,
        description = {"Connect as NAME, send one message whose content is the JSON value to PEER, and disconnect.",
            "PEER must be connected (or suspended) unless --wait lets it appear in time."})
final class SendCommand implements Callable<Integer> {
    private final CliContext ctx;

    @Parameters(index = "0", paramLabel = "INFO", description = "The store's info string.")
    String info;

    @Parameters(index = "1", paramLabel = "JSON", description = "The content: one JSON value, e.g. '{\"k\":1}' or '\"text\"'.")
    String json;

    @Option(names = "--from", required = true, paramLabel = "NAME", description = "The client name to send as.")
    String from;

    @Option(names = "--to", required = true, paramLabel = "PEER", description = "The recipient's client name.")
    String to;

    @Option(names = "--wait", paramLabel = "SECONDS", converter = Seconds.class,
            description = "Wait up to SECONDS for PEER to connect (default: it must be there already).")
    Duration wait;

    @Mixin
    Credentials credentials;

    SendCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        // Mistakes in the arguments are reported before the store sees this client.
        JsonNode content = JsonArgument.parse(json);
        ClientNames.validate(to);
        try (Session session = Session.open(ctx, info, from, credentials.params(ctx))) {
            PeerWait.require(session.client(), to, wait);
            session.client().send(to, content);
        }
        return ExitCodes.OK;
    }
}
