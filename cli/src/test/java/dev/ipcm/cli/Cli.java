package dev.ipcm.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.HashMap;
import java.util.Map;

/** Runs {@code ipcm} inside the test JVM and captures what it printed and its exit code. */
final class Cli {
    private final Map<String, String> env = new HashMap<>();
    private boolean ownProcess;

    static Cli inProcess() {
        return new Cli();
    }

    /** Behaves as the launcher does: in-JVM stores are refused because the JVM would end with the command. */
    Cli asOwnProcess() {
        ownProcess = true;
        return this;
    }

    Cli env(String key, String value) {
        env.put(key, value);
        return this;
    }

    Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        IpcmCli cli = new IpcmCli(new CliContext(new PrintWriter(out), new PrintWriter(err), env, ownProcess));
        int code = cli.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    /** What one run left behind. */
    record Result(int code, String out, String err) {
        /** Standard output without its final newline. */
        String line() {
            return out.strip();
        }

        @Override
        public String toString() {
            return "exit " + code + "\n--- out ---\n" + out + "--- err ---\n" + err;
        }
    }
}
