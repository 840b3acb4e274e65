package dev.ipcm.protocol.fs;

import org.apiguardian.api.API;

/** MessageFiles with every client polling instead of waiting on inotify: {@code MessageFiles-NoInotify}. */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class MessageFilesNoInotifyProtocol extends PollingFileProtocol {
    /** The protocol, as {@link java.util.ServiceLoader} creates it. */
    public MessageFilesNoInotifyProtocol() {
        super(new MessageFilesProtocol());
    }
}
