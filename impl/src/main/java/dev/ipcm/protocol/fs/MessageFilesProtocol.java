package dev.ipcm.protocol.fs;

import dev.ipcm.Capabilities;
import dev.ipcm.Capability;
import dev.ipcm.Client;
import dev.ipcm.protocol.directory.DirectoryProtocol;
import dev.ipcm.spi.Availability;
import dev.ipcm.spi.ConnectRequest;
import org.apiguardian.api.API;

/**
 * MessageFiles: every client is a directory in the store directory, and every message one file
 * in its recipient's directory, written as {@code <id>.pend} and renamed to {@code <id>.ready}.
 * Wire-compatible with IPC::Manager's MessageFiles (docs/protocols/file-stores.md). Always available.
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class MessageFilesProtocol extends DirectoryProtocol {
    static final Capabilities CAPABILITIES = Capabilities.of(Capability.CROSS_PROCESS, Capability.SUSPEND,
            Capability.MESSAGE_WAKEUP, Capability.PEER_CHANGE_WAKEUP, Capability.KEEPS_MAIL);

    @Override
    public String name() {
        return "MessageFiles";
    }

    @Override
    public Capabilities capabilities() {
        return CAPABILITIES;
    }

    @Override
    public Availability availability() {
        return Availability.available();
    }

    @Override
    public Client connect(ConnectRequest request) {
        return new MessageFilesClient(request);
    }
}
