package dev.ipcm.protocol.fs;

import org.apiguardian.api.API;

/** JSONFile with every client polling instead of waiting on inotify: {@code JSONFile-NoInotify}. */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class JsonFileNoInotifyProtocol extends PollingFileProtocol {
    /** The protocol, as {@link java.util.ServiceLoader} creates it. */
    public JsonFileNoInotifyProtocol() {
        super(new JsonFileProtocol());
    }
}
