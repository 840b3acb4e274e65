package dev.ipcm.protocol.memory;

import dev.ipcm.Message;
import dev.ipcm.Stats;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** One LocalMemory store: client entries with their inboxes, and persisted stats. Guarded by itself. */
final class MemoryStore {
    /** One registered client. */
    static final class Entry {
        long pid;
        BigDecimal suspendExpires;
        final List<Message> inbox = new ArrayList<>();
    }

    final Map<String, Entry> clients = new TreeMap<>();
    final Map<String, Stats> stats = new TreeMap<>();
    private boolean destroyed;

    synchronized void destroy() {
        destroyed = true;
        clients.clear();
        notifyAll();
    }

    synchronized boolean isDestroyed() {
        return destroyed;
    }

    /** Wakes every waiter: a message arrived or a peer changed. */
    synchronized void changed() {
        notifyAll();
    }
}
