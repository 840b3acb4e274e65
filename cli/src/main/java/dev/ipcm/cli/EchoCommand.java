package dev.ipcm.cli;

import dev.ipcm.ConnectionInfo;
import dev.ipcm.service.EchoService;
import dev.ipcm.spi.ClientNames;
import dev.ipcm.spi.Protocols;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ipcm echo}: runs the Echo service in this process until it is terminated. */
@Command(name = "echo", mixinStandardHelpOptions = true,
        description = {"Run an Echo service named NAME on the store: every request is answered with "
                + "\"echo: \" followed by the request.",
            "Runs until terminated (the store's shutdown, or a terminate message), then exits 0."})
final class EchoCommand implements Callable<Integer> {
    private final CliContext ctx;

    @Parameters(index = "0", paramLabel = "INFO", description = "The store's info string.")
    String info;

    @Option(names = "--name", required = true, paramLabel = "NAME", description = "The service's name on the store.")
    String name;

    @Mixin
    Credentials credentials;

    EchoCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        ClientNames.validate(name);
        ConnectionInfo parsed = ConnectionInfo.parse(info);
        CrossProcess.requireForConnect(ctx, Protocols.byName(parsed.protocol()), parsed);
        EchoService echo = new EchoService(name, info);
        echo.context().setConnectParams(credentials.params(ctx));
        try {
            return echo.run();
        } finally {
            echo.context().disconnect();
        }
    }
}
