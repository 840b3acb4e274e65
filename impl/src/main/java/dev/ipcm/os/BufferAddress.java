package dev.ipcm.os;

import java.nio.ByteBuffer;

/**
 * The native address of a direct buffer for {@link NativeFd}'s reads and writes, remembered for the
 * last buffer asked about: callers reuse their buffer, so the lookup happens once per buffer. The
 * buffer and its address are kept as one immutable pair, so a reader and a writer on the same
 * descriptor never see one buffer with the other's address.
 */
final class BufferAddress {
    private Known last;

    /** The address of {@code buffer}'s first byte; the buffer must be direct. */
    long of(ByteBuffer buffer) {
        Known k = last;
        if (k == null || k.buffer != buffer) {
            k = new Known(buffer, DirectLibC.address(buffer));
            last = k;
        }
        return k.address;
    }

    private static final class Known {
        final ByteBuffer buffer;
        final long address;

        Known(ByteBuffer buffer, long address) {
            this.buffer = buffer;
            this.address = address;
        }
    }
}
