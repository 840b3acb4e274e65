package dev.ipcm.os;

import com.sun.jna.Native;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * {@code poll(2)} on one descriptor through {@link DirectLibC}, with a {@code struct pollfd}
 * kept per thread: a wait allocates nothing (a JNA {@code Structure} per call cost more than
 * the system call).
 */
final class PollScratch {
    private static final ThreadLocal<PollScratch> MINE = ThreadLocal.withInitial(PollScratch::new);
    private static final int EVENTS = 4;
    private static final int REVENTS = 6;

    /** Two {@code struct pollfd}: int fd, short events, short revents. */
    private final ByteBuffer pollfd = ByteBuffer.allocateDirect(16).order(ByteOrder.nativeOrder());
    private final long address = DirectLibC.address(pollfd);

    private PollScratch() {}

    /** Waits until one of {@code events} (or hang-up/error) or the timeout; returns whether something happened. */
    static boolean await(NativeFd owner, int fd, short events, long timeoutMillis) throws IOException {
        PollScratch s = MINE.get();
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        while (true) {
            s.pollfd.putInt(0, fd).putShort(EVENTS, events).putShort(REVENTS, (short) 0);
            long left = Math.max(0, (deadline - System.nanoTime()) / 1_000_000L);
            int n = DirectLibC.poll(s.address, 1, (int) Math.min(left, Integer.MAX_VALUE));
            if (n >= 0) {
                return n > 0;
            }
            int errno = Native.getLastError();
            if (errno != NativeOs.EINTR) {
                throw owner.fail("poll", errno);
            }
        }
    }

    /** Waits until {@code fd} or {@code wakeFd} is readable, or the timeout; returns {@link Fd#READABLE} | {@link Fd#WOKEN}. */
    static int awaitEither(NativeFd owner, int fd, int wakeFd, long timeoutMillis) throws IOException {
        PollScratch s = MINE.get();
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        while (true) {
            s.pollfd.putInt(0, fd).putShort(EVENTS, NativeFd.POLLIN).putShort(REVENTS, (short) 0);
            s.pollfd.putInt(8, wakeFd).putShort(8 + EVENTS, NativeFd.POLLIN).putShort(8 + REVENTS, (short) 0);
            long left = Math.max(0, (deadline - System.nanoTime()) / 1_000_000L);
            int n = DirectLibC.poll(s.address, 2, (int) Math.min(left, Integer.MAX_VALUE));
            if (n == 0) {
                return 0;
            }
            if (n > 0) {
                return (s.pollfd.getShort(REVENTS) != 0 ? Fd.READABLE : 0)
                        | (s.pollfd.getShort(8 + REVENTS) != 0 ? Fd.WOKEN : 0);
            }
            int errno = Native.getLastError();
            if (errno != NativeOs.EINTR) {
                throw owner.fail("poll", errno);
            }
        }
    }
}
