package dev.ipcm.os;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import java.nio.ByteBuffer;

/**
 * The libc calls on a FIFO's hot path, bound with JNA direct mapping: no proxy, no boxed
 * arguments, no {@code byte[]} copied in and out, and no exception built for {@code EAGAIN}
 * (the caller reads {@link Native#getLastError()} after a -1). Buffers are direct and passed by
 * address, so these bindings need 64-bit pointers; {@link #AVAILABLE} says whether they loaded.
 */
final class DirectLibC {
    /** Whether the bindings are usable here (a 64-bit JVM and a libc that has the calls). */
    static final boolean AVAILABLE;

    static {
        boolean ok = false;
        if (Native.POINTER_SIZE == 8) {
            try {
                Native.register(DirectLibC.class, NativeLibrary.getInstance("c"));
                ok = true;
            } catch (LinkageError e) {
                // Fall back to the interface binding of NativeOs: slower, same behaviour.
            }
        }
        AVAILABLE = ok;
    }

    private DirectLibC() {}

    static native long read(int fd, long buf, long count);

    static native long write(int fd, long buf, long count);

    static native int poll(long fds, long nfds, int timeoutMillis);

    /**
     * Binds the native methods of {@code bindings} to libc with direct mapping, on Linux and only
     * where these bindings loaded too.
     *
     * @return whether they are bound (false: the caller uses the JDK's calls instead)
     */
    static boolean bindOnLinux(Class<?> bindings) {
        if (!AVAILABLE || !System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux")) {
            return false;
        }
        try {
            Native.register(bindings, NativeLibrary.getInstance("c"));
            return true;
        } catch (LinkageError e) {
            // A libc without one of the calls (getdents64 came with glibc 2.30).
            return false;
        }
    }

    /** The address of a direct buffer's first byte. */
    static long address(ByteBuffer direct) {
        return com.sun.jna.Pointer.nativeValue(Native.getDirectBufferPointer(direct));
    }
}
