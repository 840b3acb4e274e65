package dev.ipcm.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** The top-level {@code ipcm} command: global options, and the subcommands of {@link Subcommands}. */
@Command(name = "ipcm", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Message-based IPC between processes on one machine, from the shell. "
                + "INFO is the info string 'ipcm spawn' prints (Perl class names are accepted).",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:success",
            "1:unexpected failure (stack trace with --debug or IPCM_DEBUG=1)",
            "2:usage mistake: bad option, INFO, protocol, peer, name or JSON",
            "3:recv or request gave up: timeout (or, for recv, the store shut down)",
            "4:request: the service answered with an error; certify: a protocol that could run failed"})
final class IpcmCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    // Inherited so it may be written after the subcommand, where users put options.
    @Option(names = "--debug", scope = ScopeType.INHERIT,
            description = "Print the stack trace of an unexpected failure (or set IPCM_DEBUG=1).")
    boolean debug;

    // Read by IpcmCli before parsing (see PluginClassPath); declared here for help and validation.
    @Option(names = PluginClassPath.OPTION, scope = ScopeType.INHERIT, paramLabel = "PATH",
            description = "Jars or directories (separated by ':') holding protocol plugins, e.g. a plugin's jar "
                    + "for 'certify --protocols MyStore' (or set IPCM_CLASSPATH).")
    String classPath;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(),
                "a subcommand is required: one of " + String.join(", ", spec.subcommands().keySet()));
    }
}
