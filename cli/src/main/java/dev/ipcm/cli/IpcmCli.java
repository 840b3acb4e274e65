package dev.ipcm.cli;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apiguardian.api.API;
import picocli.CommandLine;

/**
 * The {@code ipcm} command: parses the arguments, runs one subcommand and turns the outcome into
 * an exit code (0 success, 1 unexpected failure, 2 usage mistake, 3 {@code recv} gave up).
 *
 * <p>{@link #main} is the process entry point. {@link #execute} runs the same command inside the
 * calling JVM with its own output, error stream and environment; stores of in-JVM protocols
 * (LocalMemory) then stay reachable from one call to the next, which a real process cannot do.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class IpcmCli {
    private final CliContext ctx;

    /**
     * A command that runs inside this JVM.
     *
     * @param out where output goes
     * @param err where warnings and failure reasons go
     * @param env the environment to read defaults from ({@code IPCM_DB_USER}, {@code IPCM_DB_PASSWORD}, {@code IPCM_DEBUG})
     */
    public IpcmCli(PrintWriter out, PrintWriter err, Map<String, String> env) {
        this(new CliContext(out, err, env, false));
    }

    IpcmCli(CliContext ctx) {
        this.ctx = ctx;
    }

    /** Runs {@code ipcm} as its own process and exits with its exit code. */
    public static void main(String[] args) {
        ConsoleColumn.install();
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8));
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8));
        int code = new IpcmCli(new CliContext(out, err, System.getenv(), true)).execute(args);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /**
     * Runs one command line.
     *
     * @param args the arguments after {@code ipcm}
     * @return the exit code
     */
    public int execute(String... args) {
        String plugins = PluginClassPath.of(args, ctx.env());
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        int code;
        try {
            if (!plugins.isEmpty()) {
                // Protocols and the certification engine look plugins up through this loader.
                thread.setContextClassLoader(PluginClassPath.loader(plugins, IpcmCli.class.getClassLoader()));
                if (ctx.ownProcess()) {
                    // Child JVMs (services, cross-process peers of certify) start with this class path.
                    PluginClassPath.extendJvmClassPath(plugins);
                }
            }
            code = commandLine().execute(args);
        } catch (IllegalArgumentException e) {
            ctx.err().println("ipcm: " + e.getMessage());
            code = ExitCodes.USAGE;
        } finally {
            thread.setContextClassLoader(before);
        }
        ctx.out().flush();
        ctx.err().flush();
        return code;
    }

    CommandLine commandLine() {
        CommandFactory factory = new CommandFactory(ctx);
        CommandLine cl = new CommandLine(new IpcmCommand(), factory);
        for (Class<?> sub : Subcommands.ALL) {
            cl.addSubcommand(sub);
        }
        ErrorReporter errors = new ErrorReporter(ctx);
        // '@file' would otherwise be replaced by the file's lines; names and JSON are taken literally.
        cl.setExpandAtFiles(false);
        cl.setOut(ctx.out());
        cl.setErr(ctx.err());
        cl.setParameterExceptionHandler(errors);
        cl.setExecutionExceptionHandler(errors);
        return cl;
    }
}
