package dev.ipcm.cli;

import dev.ipcm.IpcmException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Turns a failure into one line on standard error and an exit code: usage mistakes and
 * subclasses of {@link IpcmException} (each names a kind of caller mistake) exit 2; a plain
 * {@link IpcmException} (an explained failure, such as a store directory that could not be
 * removed) and anything else exit 1. Stack traces only when asked for, never for a usage mistake.
 */
final class ErrorReporter implements IParameterExceptionHandler, IExecutionExceptionHandler {
    private final CliContext ctx;

    ErrorReporter(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        String name = cmd.getCommandSpec().qualifiedName();
        report(name, oneLine(ex.getMessage()) + " (see '" + name + " --help')");
        return ExitCodes.USAGE;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parsed) {
        String name = cmd.getCommandSpec().qualifiedName();
        if (ex instanceof IpcmException) {
            report(name, oneLine(message(ex)));
            if (debug(parsed)) {
                ex.printStackTrace(ctx.err());
            }
            // Each subclass names a kind of caller mistake; the base class is a failure the library explained.
            return ex.getClass() == IpcmException.class ? ExitCodes.FAILURE : ExitCodes.USAGE;
        }
        if (debug(parsed)) {
            report(name, "unexpected " + ex.getClass().getName() + ": " + oneLine(message(ex)));
            ex.printStackTrace(ctx.err());
        } else {
            report(name, "unexpected " + ex.getClass().getSimpleName() + ": " + oneLine(message(ex))
                    + " (run with --debug or IPCM_DEBUG=1 for the stack trace)");
        }
        return ExitCodes.FAILURE;
    }

    private void report(String command, String reason) {
        PrintWriter err = ctx.err();
        err.println(command + ": " + reason);
        err.flush();
    }

    private boolean debug(ParseResult parsed) {
        for (ParseResult r = parsed; r != null; r = r.subcommand()) {
            if (r.hasMatchedOption("--debug")) {
                return true;
            }
        }
        return ctx.debugFromEnv();
    }

    private static String message(Throwable t) {
        String m = t.getMessage();
        return m == null || m.isBlank() ? t.getClass().getSimpleName() : m;
    }

    /** Keeps the reason on one line, whatever the message held. */
    static String oneLine(String text) {
        return text.strip().replaceAll("\\s*[\\r\\n]+\\s*", "; ");
    }
}
