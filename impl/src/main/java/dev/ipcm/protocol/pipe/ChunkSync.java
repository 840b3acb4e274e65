package dev.ipcm.protocol.pipe;

import java.nio.ByteBuffer;
import java.util.function.IntPredicate;

/**
 * Tells a chunk header from junk and finds the next header after junk. A process that writes
 * into a FIFO without {@link ChunkFraming} leaves bytes between whole chunks (each chunk is one
 * atomic write, so junk never splits one); skipping to the next plausible header keeps every
 * chunk around the junk, so junk costs only itself.
 *
 * <p>A header is plausible when its pid is one Linux can give (1 to {@code PID_MAX_LIMIT}), its
 * index fits a message one array can hold, and its data length is 1 to {@link ChunkFraming#MAX_DATA}
 * (no writer sends an empty chunk). Junk rarely passes: text has no pid that small, zeros no pid
 * at all, and random bytes pass about once in 10^12 positions; {@link #next} also weighs what
 * confirms a candidate.
 */
final class ChunkSync {
    /** Linux's {@code PID_MAX_LIMIT}: no pid is larger. */
    private static final long PID_MAX = 1 << 22;
    /** The most chunks before the last that a message of one array's size needs. */
    private static final long MAX_INDEX = Integer.MAX_VALUE / ChunkFraming.MAX_DATA + 1;

    private ChunkSync() {
    }

    /** Whether the 16 bytes at {@code at} can be a chunk header. */
    static boolean plausible(ByteBuffer b, int at) {
        long pid = b.getInt(at);
        long index = b.getInt(at + 8) & 0xffffffffL;
        long length = b.getInt(at + 12) & 0xffffffffL;
        return pid > 0 && pid <= PID_MAX && index <= MAX_INDEX && length >= 1 && length <= ChunkFraming.MAX_DATA;
    }

    /**
     * Where the next chunk header after the junk at {@code from} starts. Best is a plausible
     * header that something confirms: its writer is one whose chunks were read before or a
     * running process (a shifted window's pid rarely is either), another
     * plausible header follows its data, or its data ends exactly where the bytes read end (a
     * window shifted into a real header often looks plausible, but rarely is confirmed). Else
     * the first plausible header; else the first of the last few bytes that can still begin
     * one; else {@code end}.
     */
    static int next(ByteBuffer b, int from, int end, IntPredicate knownWriter) {
        int firstPlausible = -1;
        int p = from + 1;
        for (; p + ChunkFraming.HEADER <= end; p++) {
            if (plausible(b, p)) {
                if (confirmedOrKnown(b, p, end, knownWriter)) {
                    return p;
                }
                firstPlausible = firstPlausible < 0 ? p : firstPlausible;
            }
        }
        if (firstPlausible >= 0) {
            return firstPlausible;
        }
        for (; p < end; p++) {
            if (couldBegin(b, p, end)) {
                return p;
            }
        }
        return end;
    }

    /**
     * Whether the plausible header at {@code at} is also confirmed as {@link #next} weighs it: its
     * writer is known, or what follows its data fits.
     */
    static boolean confirmedOrKnown(ByteBuffer b, int at, int end, IntPredicate knownWriter) {
        return knownWriter.test(b.getInt(at)) || confirmed(b, at, end);
    }

    private static boolean confirmed(ByteBuffer b, int at, int end) {
        int following = at + ChunkFraming.HEADER + b.getInt(at + 12);
        return following == end || following + ChunkFraming.HEADER <= end && plausible(b, following);
    }

    /** Whether the fewer than 16 bytes from {@code at} to {@code end} can be the start of a header. */
    private static boolean couldBegin(ByteBuffer b, int at, int end) {
        if (end - at >= 4) {
            long pid = b.getInt(at);
            if (pid <= 0 || pid > PID_MAX) {
                return false;
            }
        }
        return end - at < 12 || (b.getInt(at + 8) & 0xffffffffL) <= MAX_INDEX;
    }
}
