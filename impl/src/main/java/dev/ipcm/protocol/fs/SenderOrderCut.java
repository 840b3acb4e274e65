package dev.ipcm.protocol.fs;

import dev.ipcm.Message;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Decides which messages of a MessageFiles receive are delivered now and which wait for the
 * next receive, so that each sender's order survives across batches.
 *
 * <p>A directory listing returns every entry that was there when it began, but may miss one
 * renamed in while it runs. Of the files a receive read, only those new in its last listing
 * ("fresh") may lack an earlier file of their sender that the listing missed. A fresh file, and
 * every file of the same sender stamped no earlier than that sender's earliest fresh one, is
 * therefore held back: at the next receive it was there before the first listing began. Only
 * one sender's own stamps are compared, so no clock is shared with the file system or with
 * another host. A file held back {@link #MAX_HOLDS} receives in a row is delivered all the
 * same: a sender whose stamps went backwards (a clock stepped back, a name reconnected on
 * another host) cannot keep its earlier files waiting while it streams.
 */
final class SenderOrderCut {
    /** Receives in a row a file may be held back before it is delivered regardless. */
    static final int MAX_HOLDS = 8;

    /** How many receives in a row each held-back file was held back, by file name. */
    private final Map<String, Integer> holds = new HashMap<>();

    /** What one receive delivers now, by file name, and whether it held anything back. */
    record Cut(Map<String, Message> deliver, boolean heldBack) {
    }

    /**
     * Splits {@code read} (every message read, by file name) into those to deliver now and
     * those held back, given the names that were new in the last listing.
     */
    Cut cut(Map<String, Message> read, Set<String> fresh) {
        Map<String, Message> earliestFresh = new HashMap<>();
        for (String file : fresh) {
            Message m = read.get(file);
            if (m != null) {
                earliestFresh.merge(m.from(), m, (a, b) -> Message.ORDER.compare(a, b) <= 0 ? a : b);
            }
        }
        Map<String, Message> deliver = new HashMap<>(read.size() * 2);
        boolean heldBack = false;
        for (Map.Entry<String, Message> e : read.entrySet()) {
            Message earliest = earliestFresh.get(e.getValue().from());
            if (earliest != null && Message.ORDER.compare(e.getValue(), earliest) >= 0
                    && holds.merge(e.getKey(), 1, Integer::sum) <= MAX_HOLDS) {
                heldBack = true;
            } else {
                holds.remove(e.getKey());
                deliver.put(e.getKey(), e.getValue());
            }
        }
        return new Cut(deliver, heldBack);
    }

    /** Forgets every hold: the inbox was found empty. */
    void clear() {
        holds.clear();
    }
}
