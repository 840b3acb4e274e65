package dev.ipcm.cli;

/** The exit codes of {@code ipcm}; scripts may rely on them. */
final class ExitCodes {
    /** The command did what was asked. */
    static final int OK = 0;
    /** Something went wrong that is not the caller's mistake (an I/O failure, a bug, a failed broadcast copy). */
    static final int FAILURE = 1;
    /** The caller's mistake: bad usage, bad info string, unknown protocol or peer, invalid name, bad JSON. */
    static final int USAGE = 2;
    /** {@code recv} or {@code request} gave up: a timeout passed first (or, for {@code recv}, the store shut down). */
    static final int GAVE_UP = 3;
    /** {@code request}: the service answered with an error response ({@code ipcm_error}). */
    static final int SERVICE_ERROR = 4;
    /** {@code certify}: a protocol that could run failed certification. */
    static final int NOT_CERTIFIED = 4;

    private ExitCodes() {}
}
