package dev.ipcm.protocol.directory;

import dev.ipcm.spi.Protocol;
import dev.ipcm.spi.SpawnRequest;
import dev.ipcm.spi.StoreOwner;
import java.nio.file.Path;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * A protocol whose stores are files or directories spawned by {@link StoreLocations}: the owner
 * record goes beside the store ({@link OwnerFiles}) and the sweep looks in the directory a spawn
 * creates its store in. Unspawn must remove the record with {@link OwnerFiles#remove}.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public interface OwnedFileStores extends Protocol {
    /** Beside the store ({@link OwnerFiles}). */
    @Override
    default void recordOwner(String route, AutoCloseable stash, Optional<StoreOwner> owner) {
        OwnerFiles.record(Path.of(route), referenceName(), owner);
    }

    /** Stores of this protocol in the spawn's parent directory. */
    @Override
    default void sweepDeadOwners(SpawnRequest request) {
        OwnerFiles.sweepOnce(StoreLocations.parentOf(request), referenceName(), route -> unspawn(route, null));
    }
}
