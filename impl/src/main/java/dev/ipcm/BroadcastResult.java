package dev.ipcm;

import java.util.Optional;
import org.apiguardian.api.API;

/**
 * What happened to one copy of a broadcast.
 *
 * @param sent whether the copy was handed to the transport
 * @param error why not, when it was not
 */
@API(status = API.Status.STABLE, since = "0.1")
public record BroadcastResult(boolean sent, Optional<String> error) {
    /** A copy that went out. */
    public static BroadcastResult ok() {
        return new BroadcastResult(true, Optional.empty());
    }

    /** A copy that failed. */
    public static BroadcastResult failed(String error) {
        return new BroadcastResult(false, Optional.of(error));
    }
}
