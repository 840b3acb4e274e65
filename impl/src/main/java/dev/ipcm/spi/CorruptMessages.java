package dev.ipcm.spi;

import dev.ipcm.CorruptMessageException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Stored messages a client could not decode: each is logged when set aside and kept until the
 * user takes the reports, so none is silently dropped.
 */
final class CorruptMessages {
    private final LinkedBlockingQueue<CorruptMessageException> reports = new LinkedBlockingQueue<>();

    void setAside(CorruptMessageException e) {
        reports.add(e);
        System.getLogger("dev.ipcm").log(System.Logger.Level.WARNING, e.getMessage());
    }

    /** The reports since the last call, taken out. */
    List<CorruptMessageException> take() {
        List<CorruptMessageException> out = new ArrayList<>();
        reports.drainTo(out);
        return out;
    }
}
