package dev.ipcm.os;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import java.nio.file.Path;

/** {@link Os} through JNA's libc binding: chosen because JNA is small, mature and needs no compiler. */
final class NativeOs implements Os {
    static final NativeOs INSTANCE = new NativeOs();

    static final int ESRCH = 3;
    static final int EINTR = 4;
    static final int EAGAIN = 11;


    final LibC libc = Native.load("c", LibC.class);

    private NativeOs() {}

    @Override
    public long pid() {
        return ProcessHandle.current().pid();
    }

    @Override
    public boolean isRunning(long pid) {
        if (pid <= 0 || pid > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("A pid is required: pid must be a positive process id, got " + pid);
        }
        try {
            libc.kill((int) pid, 0);
            return true;
        } catch (LastErrorException e) {
            // EPERM: the process exists but belongs to someone else; only ESRCH means gone.
            return e.getErrorCode() != ESRCH;
        }
    }

    @Override
    public boolean kill(long pid, String signal) {
        int sig = signalNumber(signal);
        if (pid <= 0 || pid > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("pid must be a positive process id, got " + pid);
        }
        try {
            libc.kill((int) pid, sig);
            return true;
        } catch (LastErrorException e) {
            if (e.getErrorCode() == ESRCH) {
                return false;
            }
            throw new IllegalStateException("kill(" + pid + ", SIG" + signal + ") failed: " + error(e));
        }
    }

    @Override
    public int signalNumber(String signal) {
        return SignalNumbers.of(signal);
    }

    @Override
    public void mkfifo(Path path, int mode) {
        try {
            libc.mkfifo(path.toString(), mode);
        } catch (LastErrorException e) {
            throw new NativeIoException("mkfifo('" + path + "') failed: " + error(e), e.getErrorCode());
        }
    }

    @Override
    public Fd eventFd() {
        try {
            return new NativeFd(this, libc.eventfd(0, Fd.O_CLOEXEC | Fd.O_NONBLOCK), Path.of("[eventfd]"));
        } catch (LastErrorException e) {
            throw new NativeIoException("eventfd() failed: " + error(e), e.getErrorCode());
        }
    }

    @Override
    public Fd open(Path path, int flags, int mode) {
        try {
            return new NativeFd(this, libc.open(path.toString(), flags | Fd.O_CLOEXEC, mode), path);
        } catch (LastErrorException e) {
            throw new NativeIoException("open('" + path + "') failed: " + error(e), e.getErrorCode());
        }
    }

    String error(LastErrorException e) {
        return libc.strerror(e.getErrorCode()) + " (errno " + e.getErrorCode() + ")";
    }

    /**
     * An unchecked failure that keeps errno for callers that branch on it; its cause is an
     * {@link ErrnoException} with the same number.
     */
    static final class NativeIoException extends java.io.UncheckedIOException {
        private static final long serialVersionUID = 1L;
        private final int errno;

        NativeIoException(String message, int errno) {
            super(new ErrnoException(message, errno));
            this.errno = errno;
        }

        int errno() {
            return errno;
        }
    }
}
