package dev.ipcm.spi;

import dev.ipcm.serial.Serializer;
import java.util.Map;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * What {@link Protocol#spawn} is asked to create.
 *
 * @param serializer the store's serializer
 * @param params protocol parameters: {@code route} (use this path or DSN), {@code template}
 *     (a name pattern), {@code user}, {@code password}, and any a protocol documents
 */
@API(status = API.Status.STABLE, since = "0.1")
public record SpawnRequest(Serializer serializer, Map<String, String> params) {
    public SpawnRequest {
        params = Map.copyOf(params);
    }

    /** A parameter, if given. */
    public Optional<String> param(String name) {
        return Optional.ofNullable(params.get(name));
    }
}
