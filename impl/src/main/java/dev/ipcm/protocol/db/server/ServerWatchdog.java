package dev.ipcm.protocol.db.server;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Stops a temporary server when the JVM that started it dies, SIGKILL included. A small shell
 * waits on a pipe that only this JVM holds open; the kernel closes it when the JVM ends, however
 * it ends, and the shell then sends the server its stop signal, kills it if it is still there
 * after 10 s, and deletes the server's directory. It watches from the moment the directory is
 * made, so a JVM killed while the installer runs leaves nothing either: {@link #PID_FILE} in the
 * directory names what to stop, the installer's process group ({@code -<pgid>}, so its helpers
 * stop too and cannot write into the directory while it is deleted) while it runs, then the
 * server's pid; with no such file there is only the directory to delete. The shell outlives nobody: on an orderly
 * stop {@link #close} ends it without touching the server.
 */
final class ServerWatchdog implements AutoCloseable {
    /** The server's pid, in its directory, for the shell to read. */
    static final String PID_FILE = "ipcm-server.pid";

    private final Process shell;

    private ServerWatchdog(Process shell) {
        this.shell = shell;
    }

    /**
     * Starts watching a server directory, before there is a server in it.
     *
     * @param stopSignal the signal name without {@code SIG} ({@code INT}, {@code TERM})
     */
    static ServerWatchdog watch(String stopSignal, Path dir) throws IOException {
        String script = "while read -r _; do :; done; "
                + "pid=$(cat \"$1/" + PID_FILE + "\" 2>/dev/null); "
                + "case \"$pid\" in ''|-|-*[!0-9]*|[!0-9-]*|[0-9]*[!0-9]*) ;; *) "
                + "kill -" + stopSignal + " \"$pid\" 2>/dev/null; i=0; "
                + "while kill -0 \"$pid\" 2>/dev/null && [ $i -lt 100 ]; do sleep 0.1; i=$((i+1)); done; "
                + "kill -KILL \"$pid\" 2>/dev/null;; esac; rm -rf -- \"$1\"";
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
