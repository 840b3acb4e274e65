package com.example.ipcm.broken;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;

/** DirectoryStore, except that a received message's {@code from} comes back in lower case, as a case-folding index would. */
public final class LowercasesSender extends RewritesReceived {
    @Override
    void rewrite(ObjectNode wire) {
        wire.put("from", wire.get("from").asText().toLowerCase(Locale.ROOT));
    }
}
