package dev.ipcm.os;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Structure;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/** {@link Os} through JNA's libc binding: chosen because JNA is small, mature and needs no compiler. */
final class NativeOs implements Os {
    static final NativeOs INSTANCE = new NativeOs();

    static final int ESRCH = 3;
    static final int EINTR = 4;
    static final int EAGAIN = 11;

    private static final Map<String, Integer> SIGNALS = Map.ofEntries(
            Map.entry("HUP", 1), Map.entry("INT", 2), Map.entry("QUIT", 3), Map.entry("ILL", 4),
            Map.entry("TRAP", 5), Map.entry("ABRT", 6), Map.entry("BUS", 7), Map.entry("FPE", 8),
            Map.entry("KILL", 9), Map.entry("USR1", 10), Map.entry("SEGV", 11), Map.entry("USR2", 12),
            Map.entry("PIPE", 13), Map.entry("ALRM", 14), Map.entry("TERM", 15), Map.entry("CHLD", 17),
            Map.entry("CONT", 18), Map.entry("STOP", 19), Map.entry("TSTP", 20), Map.entry("TTIN", 21),
            Map.entry("TTOU", 22), Map.entry("URG", 23), Map.entry("XCPU", 24), Map.entry("XFSZ", 25),
            Map.entry("VTALRM", 26), Map.entry("PROF", 27), Map.entry("WINCH", 28), Map.entry("IO", 29),
            Map.entry("PWR", 30), Map.entry("SYS", 31), Map.entry("ZERO", 0));

    /** The libc calls used, declared to throw {@link LastErrorException} so errno is never lost. */
    interface LibC extends Library {
        int kill(int pid, int sig) throws LastErrorException;

        int mkfifo(String path, int mode) throws LastErrorException;

        int open(String path, int flags, int mode) throws LastErrorException;

        int close(int fd) throws LastErrorException;

        int flock(int fd, int op) throws LastErrorException;

        long read(int fd, byte[] buf, long count) throws LastErrorException;

        long write(int fd, byte[] buf, long count) throws LastErrorException;

        long lseek(int fd, long offset, int whence) throws LastErrorException;

        int ftruncate(int fd, long length) throws LastErrorException;

        int fcntl(int fd, int cmd, int arg) throws LastErrorException;

        int poll(PollFd[] fds, int nfds, int timeout) throws LastErrorException;

        String strerror(int errnum);
    }

    /** {@code struct pollfd}. */
    @Structure.FieldOrder({"fd", "events", "revents"})
    public static class PollFd extends Structure {
        public int fd;
        public short events;
        public short revents;
    }

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
        String name = signal.toUpperCase(Locale.ROOT).trim();
        if (name.startsWith("SIG")) {
            name = name.substring(3);
        }
        Integer n = SIGNALS.get(name);
        if (n == null) {
            try {
                int num = Integer.parseInt(name);
                if (num >= 0 && num < 65) {
                    return num;
                }
            } catch (NumberFormatException ignored) {
                // fall through to the error below
            }
            throw new IllegalArgumentException("Unknown signal '" + signal + "': use a name such as TERM, INT, HUP, USR1");
        }
        return n;
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
