package dev.ipcm.cli;

import java.util.List;

/**
 * Every subcommand of {@code ipcm}, in the order {@code ipcm --help} lists them (a hidden one, last, is not listed): the one place
 * where a new subcommand is registered.
 *
 * <p>A subcommand is a small class annotated with {@code @Command} that implements
 * {@code Callable<Integer>} (the exit code) and has a constructor taking a {@link CliContext}
 * (or none). Once listed here it is parsed, documented, and has its errors mapped to exit codes
 * (an {@link dev.ipcm.IpcmException} is a usage mistake, exit 2) like every other one.
 */
final class Subcommands {
    static final List<Class<?>> ALL = List.of(
            SpawnCommand.class,
            DestroyCommand.class,
            SendCommand.class,
            BroadcastCommand.class,
            RecvCommand.class,
            PeersCommand.class,
            EchoCommand.class,
            RequestCommand.class,
            DemoCommand.class,
            CertifyCommand.class,
            BenchCommand.class,
            TrainCommand.class);

    private Subcommands() {}
}
