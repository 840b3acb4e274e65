package dev.ipcm.protocol.pipe;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
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
 * <p>A writer that died mid-message leaves its collected chunks here; {@link #dropWriters}
 * discards them without touching other writers' state.
 */
final class Reassembler {
    private ByteBuffer input = ByteBuffer.allocate(1 << 16).order(ChunkFraming.ORDER);
    private final Map<Long, ByteArrayOutputStream> partial = new HashMap<>();
    private final Queue<byte[]> complete = new ArrayDeque<>();

    /**
     * Takes bytes read from the FIFO.
     *
     * @throws CorruptStreamException when a header announces more data than any writer sends;
     *     everything buffered is discarded, since the stream cannot be resynchronised
     */
    void feed(byte[] bytes, int off, int len) {
        ensureRoom(len);
        input.put(bytes, off, len);
        input.flip();
        while (input.remaining() >= ChunkFraming.HEADER) {
            int start = input.position();
            int pid = input.getInt(start);
            int tid = input.getInt(start + 4);
            long index = input.getInt(start + 8) & 0xffffffffL;
            long length = input.getInt(start + 12) & 0xffffffffL;
            if (length > ChunkFraming.MAX_DATA) {
                int lost = input.remaining();
                input.clear();
                partial.clear();
                throw new CorruptStreamException("chunk header from pid " + pid + " announces " + length
                        + " data bytes, more than the " + ChunkFraming.MAX_DATA + " any writer sends; "
                        + lost + " buffered bytes and all partial messages were discarded");
            }
            if (input.remaining() < ChunkFraming.HEADER + length) {
                break;
            }
            ByteArrayOutputStream acc = partial.computeIfAbsent(ChunkFraming.writerKey(pid, tid),
                    k -> new ByteArrayOutputStream());
            acc.write(input.array(), start + ChunkFraming.HEADER, (int) length);
            input.position(start + ChunkFraming.HEADER + (int) length);
            if (index == 0) {
                partial.remove(ChunkFraming.writerKey(pid, tid));
                complete.add(acc.toByteArray());
            }
        }
        input.compact();
    }

    private void ensureRoom(int len) {
        if (input.remaining() < len) {
            ByteBuffer bigger = ByteBuffer.allocate(Math.max(input.capacity() * 2, input.position() + len))
                    .order(ChunkFraming.ORDER);
            input.flip();
            bigger.put(input);
            input = bigger;
        }
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
