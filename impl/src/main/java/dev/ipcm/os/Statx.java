package dev.ipcm.os;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * {@code statx(2)} on an open descriptor, for its link count: a FIFO whose name was removed
 * (its reader left, or a new client took the name) has none. Bound apart from
 * {@link DirectLibC} because older C libraries (glibc before 2.28) lack the symbol.
 */
final class Statx {
    static final boolean AVAILABLE;
    private static final int AT_EMPTY_PATH = 0x1000;
    private static final int STATX_NLINK = 0x4;
    /** {@code struct statx}: 256 bytes, the same on every architecture; {@code stx_nlink} is a u32 at 16. */
    private static final int SIZE = 256;
    private static final int NLINK_OFFSET = 16;
    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    static {
        boolean ok = false;
        if (DirectLibC.AVAILABLE) {
            try {
                Native.register(Statx.class, NativeLibrary.getInstance("c"));
                ok = true;
            } catch (LinkageError e) {
                // No statx here: callers fall back to a path stat.
            }
        }
        AVAILABLE = ok;
    }

    private Statx() {}

    private static native int statx(int dirfd, long path, int flags, int mask, long buf);

    /**
     * The link count of an open descriptor, or -1 when it cannot be had (no {@code statx}, or
     * the call failed).
     */
    static long linkCount(int fd) {
        if (!AVAILABLE) {
            return -1;
        }
        Scratch s = SCRATCH.get();
        if (statx(fd, s.base + SIZE, AT_EMPTY_PATH, STATX_NLINK, s.base) != 0) {
            return -1;
        }
        return s.buffer.getInt(NLINK_OFFSET) & 0xffffffffL;
    }

    /** One thread's result buffer; the empty path {@code ""} lives in its last bytes, after the struct. */
    private static final class Scratch {
        final ByteBuffer buffer = ByteBuffer.allocateDirect(SIZE + 8).order(ByteOrder.nativeOrder());
        final long base = DirectLibC.address(buffer);
    }
}
