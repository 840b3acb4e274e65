package dev.ipcm.os;

import com.sun.jna.LastErrorException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/** A file descriptor owned by this object; every call maps one libc call. */
final class NativeFd implements Fd {
    private static final int LOCK_SH = 1;
    private static final int LOCK_EX = 2;
    private static final int LOCK_UN = 8;
    private static final int F_GETFL = 3;
    private static final int F_SETFL = 4;
    private static final int F_SETPIPE_SZ = 1031;
    static final short POLLIN = 1;
    private static final short POLLOUT = 4;

    private final NativeOs os;
    private final int fd;
    private final Path path;
    private volatile boolean closed;
    private final BufferAddress addresses = new BufferAddress();

    NativeFd(NativeOs os, int fd, Path path) {
        this.os = os;
        this.fd = fd;
        this.path = path;
    }

    @Override
    public int fd() {
        return fd;
    }

    @Override
    public void lock(boolean exclusive) throws IOException {
        while (true) {
            try {
                os.libc.flock(fd, exclusive ? LOCK_EX : LOCK_SH);
                return;
            } catch (LastErrorException e) {
                if (e.getErrorCode() != NativeOs.EINTR) {
                    throw fail("flock", e);
                }
            }
        }
    }

    @Override
    public void unlock() throws IOException {
        try {
            os.libc.flock(fd, LOCK_UN);
        } catch (LastErrorException e) {
            throw fail("flock(LOCK_UN)", e);
        }
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
        byte[] target = off == 0 ? buf : new byte[len];
        while (true) {
            try {
                long n = os.libc.read(fd, target, len);
                if (n == 0) {
                    return -1;
                }
                if (off != 0) {
                    System.arraycopy(target, 0, buf, off, (int) n);
                }
                return (int) n;
            } catch (LastErrorException e) {
                if (e.getErrorCode() == NativeOs.EAGAIN) {
                    return 0;
                }
                if (e.getErrorCode() != NativeOs.EINTR) {
                    throw fail("read", e);
                }
            }
        }
    }

    @Override
    public int write(byte[] buf, int off, int len) throws IOException {
        byte[] source = buf;
        if (off != 0) {
            source = new byte[len];
            System.arraycopy(buf, off, source, 0, len);
        }
        while (true) {
            try {
                return (int) os.libc.write(fd, source, len);
            } catch (LastErrorException e) {
                if (e.getErrorCode() == NativeOs.EAGAIN) {
                    return 0;
                }
                if (e.getErrorCode() != NativeOs.EINTR) {
                    throw fail("write", e);
                }
            }
        }
    }

    @Override
    public int read(ByteBuffer buffer) throws IOException {
        if (!buffer.isDirect() || !DirectLibC.AVAILABLE) {
            byte[] tmp = new byte[buffer.remaining()];
            int n = read(tmp, 0, tmp.length);
            if (n > 0) {
                buffer.put(tmp, 0, n);
            }
            return n;
        }
        long base = addresses.of(buffer);
        while (true) {
            long n = DirectLibC.read(fd, base + buffer.position(), buffer.remaining());
            if (n > 0) {
                buffer.position(buffer.position() + (int) n);
                return (int) n;
            }
            if (n == 0) {
                return buffer.remaining() == 0 ? 0 : -1;
            }
            int errno = com.sun.jna.Native.getLastError();
            if (errno == NativeOs.EAGAIN) {
                return 0;
            }
            if (errno != NativeOs.EINTR) {
                throw fail("read", errno);
            }
        }
    }

    @Override
    public int write(ByteBuffer buffer) throws IOException {
        if (!buffer.isDirect() || !DirectLibC.AVAILABLE) {
            byte[] tmp = new byte[buffer.remaining()];
            buffer.get(buffer.position(), tmp);
            int n = write(tmp, 0, tmp.length);
            buffer.position(buffer.position() + n);
            return n;
        }
        long base = addresses.of(buffer);
        while (true) {
            long n = DirectLibC.write(fd, base + buffer.position(), buffer.remaining());
            if (n >= 0) {
                buffer.position(buffer.position() + (int) n);
                return (int) n;
            }
            int errno = com.sun.jna.Native.getLastError();
            if (errno == NativeOs.EAGAIN) {
                return 0;
            }
            if (errno != NativeOs.EINTR) {
                throw fail("write", errno);
            }
        }
    }

    @Override
    public long linkCount() {
        return Statx.linkCount(fd);
    }

    @Override
    public byte[] readAll() throws IOException {
        seek0();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[65536];
        int n;
        while ((n = read(buf, 0, buf.length)) > 0) {
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }

    @Override
    public void rewrite(byte[] content) throws IOException {
        seek0();
        try {
            os.libc.ftruncate(fd, 0);
        } catch (LastErrorException e) {
            throw fail("ftruncate", e);
        }
        int done = 0;
        while (done < content.length) {
            byte[] rest = done == 0 ? content : java.util.Arrays.copyOfRange(content, done, content.length);
            int n = write(rest, 0, rest.length);
            if (n <= 0) {
                throw new IOException("write to '" + path + "' made no progress");
            }
            done += n;
        }
    }

    private void seek0() throws IOException {
        try {
            os.libc.lseek(fd, 0, 0);
        } catch (LastErrorException e) {
            throw fail("lseek", e);
        }
    }

    @Override
    public void setNonBlocking(boolean nonBlocking) throws IOException {
        try {
            int flags = os.libc.fcntl(fd, F_GETFL, 0);
            int wanted = nonBlocking ? flags | O_NONBLOCK : flags & ~O_NONBLOCK;
            if (wanted != flags) {
                os.libc.fcntl(fd, F_SETFL, wanted);
            }
        } catch (LastErrorException e) {
            throw fail("fcntl", e);
        }
    }

    @Override
    public boolean awaitReadable(long timeoutMillis) throws IOException {
        return await(POLLIN, timeoutMillis);
    }

    @Override
    public int awaitReadable(long timeoutMillis, Fd wake) throws IOException {
        if (DirectLibC.AVAILABLE) {
            return PollScratch.awaitEither(this, fd, wake.fd(), timeoutMillis);
        }
        LibC.PollFd[] fds = (LibC.PollFd[]) new LibC.PollFd().toArray(2);
        fds[0].fd = fd;
        fds[0].events = POLLIN;
        fds[1].fd = wake.fd();
        fds[1].events = POLLIN;
        if (poll(fds, timeoutMillis) <= 0) {
            return 0;
        }
        return (fds[0].revents != 0 ? READABLE : 0) | (fds[1].revents != 0 ? WOKEN : 0);
    }

    @Override
    public boolean awaitWritable(long timeoutMillis) throws IOException {
        return await(POLLOUT, timeoutMillis);
    }

    private boolean await(short events, long timeoutMillis) throws IOException {
        if (DirectLibC.AVAILABLE) {
            return PollScratch.await(this, fd, events, timeoutMillis);
        }
        LibC.PollFd[] fds = (LibC.PollFd[]) new LibC.PollFd().toArray(1);
        fds[0].fd = fd;
        fds[0].events = events;
        return poll(fds, timeoutMillis) > 0;
    }

    /** JNA's {@code poll(2)} over {@code fds} until the deadline, again after a signal; the descriptors ready. */
    private int poll(LibC.PollFd[] fds, long timeoutMillis) throws IOException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        while (true) {
            long left = Math.max(0, (deadline - System.nanoTime()) / 1_000_000L);
            try {
                return os.libc.poll(fds, fds.length, (int) Math.min(left, Integer.MAX_VALUE));
            } catch (LastErrorException e) {
                if (e.getErrorCode() != NativeOs.EINTR) {
                    throw fail("poll", e);
                }
            }
        }
    }

    @Override
    public int setPipeSize(int bytes) {
        try {
            return os.libc.fcntl(fd, F_SETPIPE_SZ, bytes);
        } catch (LastErrorException e) {
            return -1;
        }
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            try {
                os.libc.close(fd);
            } catch (LastErrorException ignored) {
                // Nothing useful can be done about a failed close of a descriptor we own.
            }
        }
    }

    ErrnoException fail(String call, int errno) {
        return new ErrnoException(call + " on '" + path + "' failed: " + os.libc.strerror(errno) + " (errno " + errno + ")",
                errno);
    }

    private ErrnoException fail(String call, LastErrorException e) {
        return new ErrnoException(call + " on '" + path + "' failed: " + os.error(e), e.getErrorCode());
    }
}
