package dev.ipcm.cli;

import java.io.PrintWriter;
import java.util.Map;

/**
 * What one run of the command sees of the outside world: where output and errors go, the
 * environment it reads defaults from, and whether it has a JVM of its own.
 *
 * @param out standard output; commands flush after each line so pipes see lines as they come
 * @param err standard error: warnings and the one-line reason of a failure
 * @param env the environment ({@code IPCM_DB_USER}, {@code IPCM_DB_PASSWORD}, {@code IPCM_DEBUG})
 * @param ownProcess true when the JVM ends with the command (the {@code ipcm} launcher), so a
 *     store that lives inside the JVM cannot outlive the command or be reached by the next one
 */
record CliContext(PrintWriter out, PrintWriter err, Map<String, String> env, boolean ownProcess) {
    CliContext {
        env = Map.copyOf(env);
    }

    /** An environment variable, or {@code null}. */
    String env(String name) {
        return env.get(name);
    }

    /** Whether {@code IPCM_DEBUG} asks for stack traces. */
    boolean debugFromEnv() {
        String v = env.get("IPCM_DEBUG");
        return v != null && !v.isEmpty() && !v.equals("0") && !v.equalsIgnoreCase("false");
    }

    /** Writes one line to standard output and flushes it. */
    void println(String line) {
        out.println(line);
        out.flush();
    }

    /** Writes one warning line to standard error. */
    void warn(String text) {
        err.println("ipcm: warning: " + text);
        err.flush();
    }
}
