package dev.ipcm.cli;

import dev.ipcm.Capability;
import dev.ipcm.Ipcm;
import dev.ipcm.SpawnOptions;
import dev.ipcm.Store;
import dev.ipcm.spi.Protocol;
import dev.ipcm.spi.Protocols;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ipcm spawn}: creates a store that outlives the command and prints its info string. */
@Command(name = "spawn", mixinStandardHelpOptions = true,
        description = {"Create a store that outlives this command and print its info string alone on one line.",
            "Remove it later with 'ipcm destroy INFO'."})
final class SpawnCommand implements Callable<Integer> {
    private final CliContext ctx;

    @Option(names = "--protocol", paramLabel = "P",
            description = "Protocol by short or Perl class name (default: the first available of "
                    + "AtomicPipe, UnixSocket, ConnectionUnix, SQLite, PostgreSQL, MariaDB, MySQL, MessageFiles).")
    String protocol;

    @Option(names = "--serializer", paramLabel = "S",
            description = "Serializer name or spec: JSON (default), JSON::Zstd, '[\"JSON::Zstd\",\"level\",9]'.")
    String serializer;

    @Option(names = "--param", paramLabel = "KEY=VALUE",
            description = "A protocol spawn parameter such as route (a directory, file or database DSN) or template; "
                    + "repeatable. Database-server protocols create a fresh database on the server their "
                    + "IPCM_<NAME>_URL names, or use route: an existing database.")
    Map<String, String> params = new LinkedHashMap<>();

    @Mixin
    Credentials credentials;

    SpawnCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        SpawnOptions options = SpawnOptions.defaults();
        if (protocol != null) {
            Protocol p = Protocols.byName(protocol);
            CrossProcess.requireForSpawn(ctx, p);
            if (ctx.ownProcess() && p.capabilities().has(Capability.REQUIRES_SERVER)) {
                SpawnedDatabase.requireServer(p, params);
            }
            options.protocol(protocol);
        }
        if (serializer != null) {
            options.serializer(serializer);
        }
        params.forEach(options::param);
        credentials.params(ctx).forEach(options::param);
        Store store = Ipcm.spawn(options).keep();
        ctx.println(store.info());
        return ExitCodes.OK;
    }
}
