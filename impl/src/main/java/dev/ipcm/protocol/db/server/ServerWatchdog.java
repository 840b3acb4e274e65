package dev.ipcm.protocol.db.server;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Stops a temporary server when the JVM that started it dies, SIGKILL included. A small shell
 * waits on a pipe that only this JVM holds open; the kernel closes it when the JVM ends, however
 * it ends, and the shell then sends the server its stop signal, kills it if it is still there
 * after 10 s, and deletes the server's directory. The shell outlives nobody: on an orderly stop
 * {@link #close} ends it without touching the server.
 */
final class ServerWatchdog implements AutoCloseable {
    private final Process shell;

    private ServerWatchdog(Process shell) {
        this.shell = shell;
    }

    /**
     * Starts watching.
     *
     * @param stopSignal the signal name without {@code SIG} ({@code INT}, {@code TERM})
     */
    static ServerWatchdog watch(long serverPid, String stopSignal, Path dir) throws IOException {
        String pid = Long.toString(serverPid);
        String script = "while read -r _; do :; done; "
                + "kill -" + stopSignal + " " + pid + " 2>/dev/null; i=0; "
                + "while kill -0 " + pid + " 2>/dev/null && [ $i -lt 100 ]; do sleep 0.1; i=$((i+1)); done; "
                + "kill -KILL " + pid + " 2>/dev/null; rm -rf -- \"$1\"";
        Process shell = new ProcessBuilder(List.of("sh", "-c", script, "ipcm-server-watchdog", dir.toString()))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        return new ServerWatchdog(shell);
    }

    /** The watching shell's pid (tests check it ends). */
    long pid() {
        return shell.pid();
    }

    /** Ends the watch: the shell is stopped before its pipe closes, so it never acts. */
    @Override
    public void close() {
        shell.destroy();
        try {
            shell.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            shell.getOutputStream().close();
        } catch (IOException ignored) {
            // The shell is gone; its pipe is released with the Process.
        }
    }
}
