package dev.ipcm.spi;

import dev.ipcm.ConnectionInfo;
import dev.ipcm.serial.Serializer;
import java.util.Map;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * What {@link Protocol#connect} is asked to do.
 *
 * @param name the validated client name
 * @param info the store's connection info
 * @param serializer the resolved serializer
 * @param reconnect true to re-attach a suspended client instead of registering a new one
 * @param params client parameters ({@code user}, {@code password}, {@code listen}, ...)
 */
@API(status = API.Status.STABLE, since = "0.1")
public record ConnectRequest(String name, ConnectionInfo info, Serializer serializer, boolean reconnect,
        Map<String, String> params) {
    public ConnectRequest {
        params = Map.copyOf(params);
    }

    /** The route of the store. */
    public String route() {
        return info.route();
    }

    /** A parameter, if given. */
    public Optional<String> param(String key) {
        return Optional.ofNullable(params.get(key));
    }
}
