package dev.ipcm.spi;

import dev.ipcm.ContentException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The ids of the last messages a client sent, with their recipients, so that sending a message
 * id again (to any peer) is refused on every store alike, as the database stores, whose id is
 * a primary key, must. Stores that keep mail refuse it on their own as well (an existing file or
 * row), for ids older than this memory.
 */
final class RecentSends {
    /** How many sends are remembered: enough for a retry loop, small enough to cost nothing. */
    static final int REMEMBERED = 1024;

    private final Map<String, String> recipientById = new LinkedHashMap<>(64, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > REMEMBERED;
        }
    };

    /** Throws when a message with {@code id} already went out, naming to whom. */
    void requireNew(String id) {
        String earlier = recipientById.get(id);
        if (earlier != null) {
            throw new ContentException("A message with id " + id + " was already sent to '" + earlier + "' by this "
                    + "client; send a new message (each message needs its own id)");
        }
    }

    /** Remembers a send the transport took. */
    void remember(String id, String to) {
        recipientById.put(id, to);
    }
}
