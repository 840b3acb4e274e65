package dev.ipcm.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ipcm.BroadcastResult;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ipcm broadcast}: connects, sends a copy of one message to every peer, disconnects. */
@Command(name = "broadcast", mixinStandardHelpOptions = true,
        description = {"Connect as NAME, send a copy of the JSON value to every other client, and disconnect.",
            "Exit code 1 when a copy could not be delivered (each failure is printed)."})
final class BroadcastCommand implements Callable<Integer> {
    private final CliContext ctx;

    @Parameters(index = "0", paramLabel = "INFO", description = "The store's info string.")
    String info;

    @Parameters(index = "1", paramLabel = "JSON", description = "The content: one JSON value.")
    String json;

    @Option(names = "--from", required = true, paramLabel = "NAME", description = "The client name to send as.")
    String from;

    @Mixin
    Credentials credentials;

    BroadcastCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        JsonNode content = JsonArgument.parse(json);
        int failed = 0;
        try (Session session = Session.open(ctx, info, from, credentials.params(ctx))) {
            Map<String, BroadcastResult> results = session.client().broadcast(content);
            if (results.isEmpty()) {
                ctx.warn("no other client is on the store; nothing was sent");
            }
            for (Map.Entry<String, BroadcastResult> e : results.entrySet()) {
                if (!e.getValue().sent()) {
                    failed++;
                    ctx.err().println("ipcm broadcast: the copy for '" + e.getKey() + "' was not delivered: "
                            + ErrorReporter.oneLine(e.getValue().error().orElse("no reason given")));
                }
            }
            ctx.err().flush();
        }
        return failed == 0 ? ExitCodes.OK : ExitCodes.FAILURE;
    }
}
