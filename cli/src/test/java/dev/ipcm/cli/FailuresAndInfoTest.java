package dev.ipcm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ipcm.IpcmException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Unexpected failures (exit 1, stack trace only on request), help and version (exit 0). */
class FailuresAndInfoTest {

    /** A subcommand that fails the way a bug would. */
    @Command(name = "boom")
    static final class Boom implements Callable<Integer> {
        @Override
        public Integer call() {
            throw new IllegalStateException("the disk caught fire\nsecond line");
        }
    }

    /** A subcommand that fails with a failure the library explained, which is not the caller's mistake. */
    @Command(name = "explained")
    static final class Explained implements Callable<Integer> {
        @Override
        public Integer call() {
            throw new IpcmException("Could not remove the store directory '/tmp/x': disk on fire");
        }
    }

    private static Cli.Result runBoom(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        IpcmCli cli = new IpcmCli(new CliContext(new PrintWriter(out), new PrintWriter(err), env, true));
        CommandLine cl = cli.commandLine();
        cl.addSubcommand(new Boom());
        cl.addSubcommand(new Explained());
        int code = cl.execute(args);
        return new Cli.Result(code, out.toString(), err.toString());
    }

    @Test
    void unexpectedFailureExitsOneWithAShortMessage() {
        Cli.Result r = runBoom(Map.of(), "boom");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("ipcm boom: unexpected IllegalStateException: the disk caught fire; second line "
                + "(run with --debug or IPCM_DEBUG=1 for the stack trace)\n");
    }

    @Test
    void aPlainIpcmExceptionExitsOneWithItsMessage() {
        Cli.Result r = runBoom(Map.of(), "explained");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("ipcm explained: Could not remove the store directory '/tmp/x': disk on fire\n");
    }

    @Test
    void debugOptionShowsTheStackTrace() {
        Cli.Result r = runBoom(Map.of(), "boom", "--debug");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).startsWith("ipcm boom: unexpected java.lang.IllegalStateException: the disk caught fire")
                .contains("\tat dev.ipcm.cli.FailuresAndInfoTest$Boom.call");
        assertThat(runBoom(Map.of(), "--debug", "boom").err()).contains("\tat ");
    }

    @Test
    void debugEnvironmentVariableShowsTheStackTrace() {
        assertThat(runBoom(Map.of("IPCM_DEBUG", "1"), "boom").err()).contains("\tat ");
        assertThat(runBoom(Map.of("IPCM_DEBUG", "0"), "boom").err()).doesNotContain("\tat ");
    }

    @Test
    void aUsageMistakeGetsNoStackTraceEvenWithDebug() {
        Cli.Result r = Cli.inProcess().env("IPCM_DEBUG", "1").run("--debug", "peers", "nonsense");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).startsWith("ipcm peers: Connection info is not valid JSON");
    }

    @Test
    void versionPrintsTheProjectVersion() {
        Cli.Result r = Cli.inProcess().run("--version");
        assertThat(r.code()).isZero();
        assertThat(r.out()).startsWith("ipcm 0.").contains("protocols: ").contains("LocalMemory");
        assertThat(r.out()).doesNotContain("${");
    }

    @Test
    void helpListsEveryCommandButTheHiddenOneAndTheExitCodes() {
        Cli.Result r = Cli.inProcess().run("--help");
        assertThat(r.code()).isZero();
        for (Class<?> sub : Subcommands.ALL) {
            Command command = sub.getAnnotation(Command.class);
            if (command.hidden()) {
                assertThat(r.out()).doesNotContain("  " + command.name() + " ");
            } else {
                assertThat(r.out()).contains("  " + command.name() + " ");
            }
        }
        assertThat(r.out()).contains("Exit codes:").contains("3   recv or request gave up")
                .contains("4   request: the service answered with an error");
        assertThat(Cli.inProcess().run("recv", "--help").out()).contains("--timeout=SECONDS", "--user=USER", "--password");
    }
}
