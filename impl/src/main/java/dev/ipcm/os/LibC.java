package dev.ipcm.os;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Structure;

/**
 * The libc calls {@link NativeOs} and {@link NativeFd} make through JNA, declared to throw
 * {@link LastErrorException} so errno is never lost.
 */
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

    int eventfd(int initval, int flags) throws LastErrorException;

    String strerror(int errnum);

    /** {@code struct pollfd}. */
    @Structure.FieldOrder({"fd", "events", "revents"})
    class PollFd extends Structure {
        public int fd;
        public short events;
        public short revents;
    }
}
