package dev.ipcm.cli;

import dev.ipcm.Client;
import dev.ipcm.Message;
import dev.ipcm.internal.Json;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ipcm recv}: connects and prints messages as JSON lines until it has enough, or gives up. */
@Command(name = "recv", mixinStandardHelpOptions = true,
        description = {"Connect as NAME and print each message received as one JSON object per line "
                + "(id, from, to, content, stamp, ...), as it arrives.",
            "Exits 0 after COUNT messages; exits 3 when the timeout passes first, or when the store shuts down."})
final class RecvCommand implements Callable<Integer> {
    // Without --timeout the wait is endless; it is taken in slices only because a wait needs a finite length.
    private static final Duration SLICE = Duration.ofMinutes(10);

    private final CliContext ctx;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "INFO", description = "The store's info string.")
    String info;

    @Option(names = "--name", required = true, paramLabel = "NAME", description = "The client name to receive as.")
    String name;

    @Option(names = "--count", paramLabel = "N", defaultValue = "1",
            description = "Exit after N messages (default: ${DEFAULT-VALUE}).")
    int count;

    @Option(names = "--timeout", paramLabel = "SECONDS", converter = Seconds.class,
            description = "Give up (exit 3) when the N messages have not all arrived within SECONDS (default: wait forever).")
    Duration timeout;

    @Mixin
    Credentials credentials;

    RecvCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        if (count < 1) {
            throw new ParameterException(spec.commandLine(), "--count must be at least 1, got " + count);
        }
        try (Session session = Session.open(ctx, info, name, credentials.params(ctx))) {
            return receive(session.client());
        }
    }

    private int receive(Client client) {
        long deadline = timeout == null ? 0 : System.nanoTime() + timeout.toNanos();
        int printed = 0;
        while (printed < count) {
            Duration wait = SLICE;
            if (timeout != null) {
                // Zero still reads once: --timeout 0 takes what is already there.
                wait = Duration.ofNanos(Math.max(0, Math.min(deadline - System.nanoTime(), SLICE.toNanos())));
            }
            List<Message> batch = client.awaitMessages(wait);
            for (int i = 0; i < batch.size(); i++) {
                Message m = batch.get(i);
                if (printed == count) {
                    // More came in one batch than were asked for; the session reports them as it leaves.
                    client.requeue(batch.subList(i, batch.size()));
                    break;
                }
                ctx.println(Json.encodeToString(m.toJson()));
                printed++;
                if (m.isTerminate() && printed < count) {
                    client.requeue(batch.subList(i + 1, batch.size()));
                    return gaveUp("the store is shutting down (terminate message from '" + m.from() + "') after "
                            + printed + " of " + count + " message(s)");
                }
            }
            if (printed < count && timeout != null && deadline - System.nanoTime() <= 0) {
                return gaveUp("timed out after " + Seconds.format(timeout) + " with " + printed + " of " + count
                        + " message(s) received");
            }
        }
        return ExitCodes.OK;
    }

    private int gaveUp(String reason) {
        ctx.err().println("ipcm recv: " + reason);
        ctx.err().flush();
        return ExitCodes.GAVE_UP;
    }
}
