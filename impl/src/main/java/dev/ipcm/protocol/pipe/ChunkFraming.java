package dev.ipcm.protocol.pipe;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Atomic::Pipe's message framing: a payload cut into chunks of at most {@link #PIPE_BUF}
 * bytes, each a 16-byte header (pid, tid, index counting down to 0, data length; native byte
 * order) followed by its data. POSIX makes a write of at most {@code PIPE_BUF} bytes to a pipe
 * atomic, so chunks of concurrent writers interleave but never mix.
 */
final class ChunkFraming {
    /** Linux's {@code PIPE_BUF}: the largest write a pipe keeps whole. */
    static final int PIPE_BUF = 4096;
    /** Bytes of header before each chunk's data. */
    static final int HEADER = 16;
    /** The most data one chunk carries. */
    static final int MAX_DATA = PIPE_BUF - HEADER;
    /** Perl's reader uses the machine's byte order, so ours must too. */
    static final ByteOrder ORDER = ByteOrder.nativeOrder();

    private ChunkFraming() {}

    /**
     * The chunks for one payload, in sending order; each is one {@code write(2)}. A zero-length
     * payload has no chunks (IPC::Manager never sends one).
     */
    static List<byte[]> chunks(byte[] payload, int pid, int tid) {
        ByteBuffer all = ByteBuffer.allocate(framedLength(payload.length)).order(ORDER);
        frame(payload, pid, tid, all);
        List<byte[]> out = new ArrayList<>();
        for (int off = 0; off < all.position(); ) {
            int len = chunkLength(all, off);
            byte[] chunk = new byte[len];
            all.get(off, chunk);
            out.add(chunk);
            off += len;
        }
        return out;
    }

    /** The bytes all chunks of a payload take: the payload plus one header per chunk. */
    static int framedLength(int payloadLength) {
        return payloadLength + HEADER * ((payloadLength + MAX_DATA - 1) / MAX_DATA);
    }

    /**
     * Writes the chunks of one payload back to back at {@code out}'s position, which advances past
     * them; {@code out} must have {@link #framedLength} bytes left and the native byte order.
     */
    static void frame(byte[] payload, int pid, int tid, ByteBuffer out) {
        int count = (payload.length + MAX_DATA - 1) / MAX_DATA;
        for (int k = 0; k < count; k++) {
            int off = k * MAX_DATA;
            int len = Math.min(MAX_DATA, payload.length - off);
            out.putInt(pid).putInt(tid).putInt(count - 1 - k).putInt(len).put(payload, off, len);
        }
    }

    /** The whole length (header and data) of the chunk whose header starts at {@code off}. */
    static int chunkLength(ByteBuffer frames, int off) {
        return HEADER + frames.getInt(off + 12);
    }

    /** The key a reader reassembles under: pid in the high half, tid in the low half. */
    static long writerKey(int pid, int tid) {
        return ((long) pid << 32) | (tid & 0xffffffffL);
    }

    /** The pid part of a {@link #writerKey}. */
    static int pidOf(long writerKey) {
        return (int) (writerKey >> 32);
    }
}
