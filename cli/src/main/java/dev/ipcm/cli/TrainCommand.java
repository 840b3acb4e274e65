package dev.ipcm.cli;

import dev.ipcm.Client;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * {@code ipcm train} (hidden): what the {@code ./ipcm} launcher runs once per build and JDK while
 * the JVM records the classes it loads into a class-data archive (docs/cli.md, "Start-up"). It
 * goes through the commands people run most (spawn, peers, destroy) and a message between two
 * clients on a throw-away MessageFiles store, so that their classes are the ones archived; it
 * prints nothing and leaves nothing behind.
 */
@Command(name = "train", hidden = true,
        description = "Run spawn, peers, a message and destroy on a throw-away store (for the launcher's class-data archive).")
final class TrainCommand implements Callable<Integer> {
    private final CliContext ctx;

    TrainCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        StringWriter spawned = new StringWriter();
        int code = quiet(spawned).execute("spawn", "--protocol", "MessageFiles");
        if (code != ExitCodes.OK) {
            return code;
        }
        String info = spawned.toString().strip();
        try (Client a = dev.ipcm.Ipcm.connect("train-a", info); Client b = dev.ipcm.Ipcm.connect("train-b", info)) {
            a.send("train-b", Map.of("n", 1));
            b.awaitMessages(Duration.ofSeconds(10));
            quiet(new StringWriter()).execute("peers", "--long", info);
        } finally {
            code = quiet(new StringWriter()).execute("destroy", info);
        }
        return code;
    }

    private IpcmCli quiet(Writer out) {
        return new IpcmCli(new CliContext(new PrintWriter(out), new PrintWriter(Writer.nullWriter()), ctx.env(),
                ctx.ownProcess()));
    }
}
