package dev.ipcm.cli;

import java.lang.reflect.Constructor;
import picocli.CommandLine;

/** Creates subcommands with the run's {@link CliContext}, and everything else picocli's way. */
final class CommandFactory implements CommandLine.IFactory {
    private final CliContext ctx;

    CommandFactory(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public <K> K create(Class<K> type) throws Exception {
        Constructor<K> withContext;
        try {
            withContext = type.getDeclaredConstructor(CliContext.class);
        } catch (NoSuchMethodException e) {
            return CommandLine.defaultFactory().create(type);
        }
        return withContext.newInstance(ctx);
    }
}
