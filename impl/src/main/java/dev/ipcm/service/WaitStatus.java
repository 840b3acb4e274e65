package dev.ipcm.service;

import org.apiguardian.api.API;

/**
 * Raw POSIX wait statuses as IPC::Manager reports them to {@code onPid}, built from what the JDK
 * can see. A normal exit with code {@code c} is {@code c << 8}. The JDK reports a death by
 * signal {@code n} as exit value {@code 128 + n} and cannot tell it apart from a real
 * {@code exit(128 + n)}; the rule chosen here is that values 129 to 159 (signals 1 to 31) are
 * signal deaths, reported as the bare signal number (no core-dump flag). A program that really
 * exits with such a code is therefore reported as killed by that signal.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class WaitStatus {
    private WaitStatus() {}

    /** The raw wait status for a JDK exit value. */
    public static int fromExitValue(int exitValue) {
        if (exitValue > 128 && exitValue < 160) {
            return exitValue - 128;
        }
        return (exitValue & 0xff) << 8;
    }

    /** The exit code in a raw status ({@code status >> 8}), meaningful when {@link #signal} is 0. */
    public static int exitCode(int status) {
        return (status >> 8) & 0xff;
    }

    /** The signal that ended the process, or 0 for a normal exit. */
    public static int signal(int status) {
        return status & 0x7f;
    }
}
