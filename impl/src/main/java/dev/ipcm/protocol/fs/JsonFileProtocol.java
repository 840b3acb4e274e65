package dev.ipcm.protocol.fs;

import dev.ipcm.Capabilities;
import dev.ipcm.Capability;
import dev.ipcm.Client;
import dev.ipcm.IpcmException;
import dev.ipcm.protocol.directory.OwnedFileStores;
import dev.ipcm.protocol.directory.OwnerFiles;
import dev.ipcm.protocol.directory.Sidecars;
import dev.ipcm.protocol.directory.StoreLocations;
import dev.ipcm.spi.Availability;
import dev.ipcm.spi.ConnectRequest;
import dev.ipcm.spi.SpawnRequest;
import dev.ipcm.spi.Spawned;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apiguardian.api.API;

/**
 * JSONFile: the whole store is one JSON file ({@code PerlIPCMgr-<pid>-XXXXXX.json}, mode 0600)
 * holding every client, inbox and stats entry, locked with {@code flock(2)} and rewritten in
 * place on every change. Wire-compatible with IPC::Manager's JSONFile
 * (docs/protocols/file-stores.md).
 *
 * <p>Simple and slow: every operation reads and parses the whole file. Spawn parameters:
 * {@code route} (exact path), {@code dir}, {@code template} ({@code .json} is appended).
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class JsonFileProtocol implements OwnedFileStores {
    /** The name prefix of spawned store files, as the reference names them. */
    public static final String FILE_PREFIX = "PerlIPCMgr";

    static final Capabilities CAPABILITIES = Capabilities.of(Capability.CROSS_PROCESS, Capability.SUSPEND,
            Capability.SUSPEND_KEEPS_PID, Capability.MESSAGE_WAKEUP, Capability.PEER_CHANGE_WAKEUP, Capability.KEEPS_MAIL);

    private static final byte[] EMPTY_STORE = "{\"clients\":{},\"messages\":{},\"stats\":{}}"
            .getBytes(StandardCharsets.US_ASCII);

    @Override
    public String name() {
        return "JSONFile";
    }

    @Override
    public Capabilities capabilities() {
        return CAPABILITIES;
    }

    @Override
    public Availability availability() {
        return Availability.available();
    }

    /** {@code route} (this path), {@code template} (a name ending in Xs), {@code dir} (where to create it). */
    @Override
    public java.util.Optional<java.util.Set<String>> spawnParameters() {
        return java.util.Optional.of(java.util.Set.of("route", "template", "dir"));
    }

    @Override
    public Spawned spawn(SpawnRequest request) {
        return StoreLocations.spawn(request, FILE_PREFIX, ".json", p -> Sidecars.writeNew(p, EMPTY_STORE));
    }

    @Override
    public void unspawn(String route, AutoCloseable stash) {
        try {
            Files.deleteIfExists(Path.of(route));
            Files.deleteIfExists(Path.of(route + JsonJournal.SUFFIX));
            OwnerFiles.remove(Path.of(route));
        } catch (IOException e) {
            throw new IpcmException("Could not delete the JSONFile store '" + route + "': " + e, e);
        }
    }

    /**
     * Whether anything is at the route: connect then tells a store file from something that is
     * none (a directory, another kind of file) with {@code InvalidInfoException}, rather than
     * calling it gone.
     */
    @Override
    public boolean storeExists(String route) {
        return Files.exists(Path.of(route), java.nio.file.LinkOption.NOFOLLOW_LINKS);
    }

    @Override
    public Client connect(ConnectRequest request) {
        return new JsonFileClient(request);
    }
}
