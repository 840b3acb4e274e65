package dev.ipcm.protocol.directory;

import dev.ipcm.IpcmException;
import dev.ipcm.spi.SpawnRequest;
import dev.ipcm.spi.Spawned;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apiguardian.api.API;

/**
 * The shared half of every protocol whose store is a directory (MessageFiles, AtomicPipe,
 * UnixSocket, ConnectionUnix): spawn makes a fresh private directory, unspawn removes it.
 *
 * <p>The route is the directory's absolute path. Spawn parameters: {@code route} (create exactly
 * this directory), {@code dir} (the parent, default {@code $TMPDIR} when usable, else
 * {@code /tmp}), {@code template} (default {@code PerlIPCManager-<pid>-XXXXXX}; trailing
 * {@code X}s become random characters). The directory is created with mode 0700, so every
 * participant must run as the same user.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public abstract class DirectoryProtocol implements OwnedFileStores {
    /** The name prefix of spawned store directories, as the reference names them. */
    public static final String DIRECTORY_PREFIX = "PerlIPCManager";

    /** {@code route} (this path), {@code template} (a name ending in Xs), {@code dir} (where to create it). */
    @Override
    public java.util.Optional<java.util.Set<String>> spawnParameters() {
        return java.util.Optional.of(java.util.Set.of("route", "template", "dir"));
    }

    @Override
    public Spawned spawn(SpawnRequest request) {
        return StoreLocations.spawn(request, DIRECTORY_PREFIX, "", Sidecars::createPrivateDirectory);
    }

    @Override
    public void unspawn(String route, AutoCloseable stash) {
        try {
            Sidecars.deleteTree(Path.of(route));
            OwnerFiles.remove(Path.of(route));
        } catch (IOException e) {
            throw new IpcmException("Could not remove the " + name() + " store directory '" + route + "': " + e, e);
        } finally {
            closeStash(stash);
        }
    }

    /**
     * Whether anything is at the route: connect then tells a store directory from something that
     * is none (a file, a shared directory) with {@code InvalidInfoException}, rather than calling
     * it gone.
     */
    @Override
    public boolean storeExists(String route) {
        return Files.exists(Path.of(route), java.nio.file.LinkOption.NOFOLLOW_LINKS);
    }

    private static void closeStash(AutoCloseable stash) {
        if (stash != null) {
            try {
                stash.close();
            } catch (Exception e) {
                throw new IpcmException("Could not release the store's resources: " + e, e);
            }
        }
    }
}
