package dev.ipcm.protocol.pipe;

import dev.ipcm.os.Os;
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
    /** Whether the bytes kept at the start of {@link #input} are the tail of junk already reported. */
    private boolean junkTail;
    /** Pids whose chunks were read: after junk, a header naming one is taken at once (bounded, see {@link #collect}). */
    private final java.util.Set<Integer> writers = new java.util.HashSet<>();
    private int lastWriter;

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
        CorruptStreamException junk = null;
        while (len > 0) {
            int n = Math.min(len, input.remaining());
            input.put(bytes, off, n);
            off += n;
            len -= n;
            try {
                process();
            } catch (CorruptStreamException e) {
                junk = e; // every byte is still fed; the junk is reported once at the end
            }
        }
        if (junk != null) {
            throw junk;
        }
    }

    /**
     * Cuts the bytes put into {@link #space()} into chunks and collects them.
     *
     * @throws CorruptStreamException after collecting everything, when bytes that are no chunk
     *     (junk written into the FIFO) were skipped; the chunks around them were kept
     */
    void process() {
        input.flip();
        int pos = input.position();
        int end = input.limit();
        int skipped = 0;
        int firstBadPid = 0;
        try {
            while (end - pos >= ChunkFraming.HEADER) {
                // Bytes kept after junk were chosen while fewer than 16 of them had been read: once
                // whole, they must pass what a header found inside junk passes, or a window that
                // straddles junk and a real header is taken for one (ReassemblerTest, seed 78350).
                if (!ChunkSync.plausible(input, pos)
                        || junkTail && pos == 0 && !ChunkSync.confirmedOrKnown(input, pos, end, this::knownWriter)) {
                    int next = ChunkSync.next(input, pos, end, this::knownWriter);
                    if (junkTail && pos == 0) {
                        junkTail = false; // the rest of junk reported by the previous call
                    } else {
                        firstBadPid = skipped == 0 ? input.getInt(pos) : firstBadPid;
                        skipped += next - pos;
                    }
                    pos = next;
                    continue;
                }
                junkTail = false;
                int pid = input.getInt(pos);
                int tid = input.getInt(pos + 4);
                long index = input.getInt(pos + 8) & 0xffffffffL;
                int len = input.getInt(pos + 12);
                if (end - pos < ChunkFraming.HEADER + len) {
                    break;
                }
                collect(pid, tid, index, pos, len);
                pos += ChunkFraming.HEADER + len;
            }
            if (skipped > 0) {
                junkTail = pos < end;
                throw new CorruptStreamException(skipped + " bytes that are no chunk (the first read as a header "
                        + "from pid " + firstBadPid + ") were skipped; the chunks around them were kept");
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
        if (pid != lastWriter) {
            if (writers.size() >= 4096) {
                writers.clear(); // pids come and go: keep only recent writers
            }
            writers.add(pid);
            lastWriter = pid;
        }
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

    /** Whether chunks of {@code pid} were read here, or it names a running process (asked only after junk). */
    private boolean knownWriter(int pid) {
        return writers.contains(pid) || Os.get().isRunning(pid);
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
