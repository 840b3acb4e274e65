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
        int count = (payload.length + MAX_DATA - 1) / MAX_DATA;
        List<byte[]> out = new ArrayList<>(count);
        for (int k = 0; k < count; k++) {
            int off = k * MAX_DATA;
            int len = Math.min(MAX_DATA, payload.length - off);
            ByteBuffer chunk = ByteBuffer.allocate(HEADER + len).order(ORDER);
            chunk.putInt(pid).putInt(tid).putInt(count - 1 - k).putInt(len).put(payload, off, len);
            out.add(chunk.array());
        }
        return out;
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
