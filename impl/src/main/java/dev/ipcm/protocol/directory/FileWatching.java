package dev.ipcm.protocol.directory;

import dev.ipcm.spi.ConnectRequest;
import java.util.Locale;
import org.apiguardian.api.API;

/**
 * The file stores' wake-up setting: by default a waiting client is woken by inotify; the
 * parameter {@code inotify=0} (or {@code false}) makes it poll instead, as IPC::Manager does
 * where Linux::Inotify2 is missing (its test suite runs every file protocol both ways; see
 * docs/protocols/file-stores.md, "Polling instead of inotify").
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class FileWatching {
    /** The connect or spawn parameter that turns inotify off. */
    public static final String PARAM = "inotify";

    private FileWatching() {}

    /** Whether a client connected with {@code request} is woken by the operating system. */
    public static boolean enabled(ConnectRequest request) {
        return request.param(PARAM).map(v -> !(v.equals("0") || v.toLowerCase(Locale.ROOT).equals("false"))).orElse(true);
    }
}
