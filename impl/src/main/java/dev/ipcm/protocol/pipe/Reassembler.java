package dev.ipcm.protocol.pipe;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Queue;
import java.util.function.IntPredicate;

/**
 * The reader's half of {@link ChunkFraming}: bytes from the FIFO go in, whole payloads come
 * out. Chunks are collected per writer ({@code pid:tid}); a chunk with index 0 completes that
 * writer's payload. A partial chunk or header waits for the next read.
 *
 * <p>The FIFO is read straight into {@link #space()}, a direct buffer, and each payload is
 * copied once into an array of its exact size: a one-chunk payload directly, a longer one into
 * an array sized from its chunks (all of them when they are already buffered, else from the
 * first chunk's index).
 *
 * <p>A writer that died mid-message leaves its collected chunks here; {@link #dropWriters}
 * discards them without touching other writers' state.
 */
final class Reassembler {
    /** Room for many chunks per read; after {@link #process()} at most one partial chunk is left. */
    static final int INPUT_BYTES = 1 << 16;
    /** The most a message's first chunk may make us allocate before more of it arrives (a garbage index must not). */
    private static final long MAX_GUESS = 1 << 20;

    private ByteBuffer input = ByteBuffer.allocateDirect(INPUT_BYTES).order(ChunkFraming.ORDER);
    private final Map<Long, Partial> partial = new HashMap<>();
    private final Queue<byte[]> complete = new ArrayDeque<>();

    /** One writer's message so far. */
    private static final class Partial {
        byte[] data;
        int filled;

        Partial(int capacity) {
            data = new byte[capacity];
        }

        void append(ByteBuffer from, int off, int len) {
            if (filled + len > data.length) {
                // Only a writer that sends short chunks before its last one gets here.
                data = Arrays.copyOf(data, Math.max(filled + len, data.length * 2));
            }
            from.get(off, data, filled, len);
            filled += len;
        }

        byte[] finish() {
            return filled == data.length ? data : Arrays.copyOf(data, filled);
        }
    }

    /**
     * Where the next read goes: the buffer in write mode, with room between position and limit.
     * Call {@link #process()} after putting bytes there.
     */
    ByteBuffer space() {
        return input;
    }

    /**
     * Takes bytes read from the FIFO (a copy into {@link #space()}, then {@link #process()}).
     *
     * @throws CorruptStreamException as {@link #process()}
     */
    void feed(byte[] bytes, int off, int len) {
        while (len > 0) {
            int n = Math.min(len, input.remaining());
            input.put(bytes, off, n);
            off += n;
            len -= n;
            process();
        }
    }

    /**
     * Cuts the bytes put into {@link #space()} into chunks and collects them.
     *
     * @throws CorruptStreamException when a header announces more data than any writer sends;
     *     everything buffered is discarded, since the stream cannot be resynchronised
     */
    void process() {
        input.flip();
        int pos = input.position();
        int end = input.limit();
        try {
            while (end - pos >= ChunkFraming.HEADER) {
                int pid = input.getInt(pos);
                int tid = input.getInt(pos + 4);
                long index = input.getInt(pos + 8) & 0xffffffffL;
                long length = input.getInt(pos + 12) & 0xffffffffL;
                if (length > ChunkFraming.MAX_DATA) {
                    int lost = end - pos;
                    pos = end;
                    partial.clear();
                    throw new CorruptStreamException("chunk header from pid " + pid + " announces " + length
                            + " data bytes, more than the " + ChunkFraming.MAX_DATA + " any writer sends; "
                            + lost + " buffered bytes and all partial messages were discarded");
                }
                int len = (int) length;
                if (end - pos < ChunkFraming.HEADER + len) {
                    break;
                }
                collect(pid, tid, index, pos, len);
                pos += ChunkFraming.HEADER + len;
            }
        } finally {
            if (pos == end) {
                input.clear(); // the usual case: every chunk was whole, nothing to move
            } else {
                input.position(pos);
                input.compact();
            }
        }
    }

    private void collect(int pid, int tid, long index, int pos, int len) {
        Long key = null;
        Partial acc = null;
        if (!partial.isEmpty()) {
            key = ChunkFraming.writerKey(pid, tid);
            acc = partial.get(key);
        }
        if (acc == null) {
            if (index == 0) {
                byte[] payload = new byte[len];
                input.get(pos + ChunkFraming.HEADER, payload);
                complete.add(payload);
                return;
            }
            acc = new Partial(messageLength(pid, tid, index, pos, len));
            partial.put(key == null ? ChunkFraming.writerKey(pid, tid) : key, acc);
        }
        acc.append(input, pos + ChunkFraming.HEADER, len);
        if (index == 0) {
            partial.remove(key == null ? ChunkFraming.writerKey(pid, tid) : key);
            complete.add(acc.finish());
        }
    }

    /**
     * The size of a message whose first chunk (index {@code index}, {@code len} bytes) starts at
     * {@code pos}: exact when its last chunk is already buffered, else as if every later chunk
     * were full (writers fill every chunk but the last), which is at most one chunk too many.
     */
    private int messageLength(int pid, int tid, long index, int pos, int len) {
        long total = len;
        int end = input.limit();
        int at = pos + ChunkFraming.HEADER + len;
        while (end - at >= ChunkFraming.HEADER) {
            long l = input.getInt(at + 12) & 0xffffffffL;
            if (l > ChunkFraming.MAX_DATA || end - at < ChunkFraming.HEADER + l) {
                break;
            }
            if (input.getInt(at) == pid && input.getInt(at + 4) == tid) {
                total += l;
                if (input.getInt(at + 8) == 0) {
                    return (int) Math.min(total, Integer.MAX_VALUE - 8);
                }
            }
            at += ChunkFraming.HEADER + (int) l;
        }
        return (int) Math.min(len + index * ChunkFraming.MAX_DATA, Math.max(len, MAX_GUESS));
    }

    /** The next whole payload, or null. */
    byte[] poll() {
        return complete.poll();
    }

    /** Whether a whole payload is waiting. */
    boolean hasComplete() {
        return !complete.isEmpty();
    }

    /** Whether some writer's message is partly collected, or a chunk partly read. */
    boolean hasPartial() {
        return !partial.isEmpty() || input.position() > 0;
    }

    /**
     * Discards the partly collected messages of writers whose pid matches {@code dead}.
     *
     * @return how many partial messages were discarded
     */
    int dropWriters(IntPredicate dead) {
        int dropped = 0;
        for (Iterator<Long> it = partial.keySet().iterator(); it.hasNext(); ) {
            if (dead.test(ChunkFraming.pidOf(it.next()))) {
                it.remove();
                dropped++;
            }
        }
        return dropped;
    }

    /** The pids of writers with partly collected messages. */
    int[] partialWriterPids() {
        return partial.keySet().stream().mapToInt(ChunkFraming::pidOf).distinct().toArray();
    }

    /** A chunk stream that cannot be parsed any further. */
    static final class CorruptStreamException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        CorruptStreamException(String message) {
            super(message);
        }
    }
}
