package dev.ipcm.spi;

import org.apiguardian.api.API;

/**
 * A store a protocol created: its route, and anything that must be released when the store is
 * destroyed (a temporary database server, say).
 *
 * @param route the path or DSN written into the info string
 * @param stash released by {@link Protocol#unspawn}; may be {@code null}
 */
@API(status = API.Status.STABLE, since = "0.1")
public record Spawned(String route, AutoCloseable stash) {}
