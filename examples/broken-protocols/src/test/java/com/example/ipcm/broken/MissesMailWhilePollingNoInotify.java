package com.example.ipcm.broken;

import dev.ipcm.Capabilities;
import dev.ipcm.Client;
import dev.ipcm.protocol.fs.MessageFilesNoInotifyProtocol;
import dev.ipcm.spi.ConnectRequest;
import java.util.HashMap;
import java.util.Map;

/**
 * {@link MissesMailWhilePolling} with every client polling ({@code inotify=0}), as the
 * {@code MessageFiles-NoInotify} column certifies MessageFiles: the column that finds the defect.
 */
public final class MissesMailWhilePollingNoInotify extends MissesMailWhilePolling {
    /** What MessageFiles-NoInotify declares: a poll is no operating-system wake-up. */
    @Override
    public Capabilities capabilities() {
        return new MessageFilesNoInotifyProtocol().capabilities();
    }

    @Override
    public Client connect(ConnectRequest request) {
        Map<String, String> params = new HashMap<>(request.params());
        params.put("inotify", "0");
        return super.connect(new ConnectRequest(request.name(), request.info(), request.serializer(), request.reconnect(), params));
    }
}
