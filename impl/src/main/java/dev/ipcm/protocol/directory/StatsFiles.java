package dev.ipcm.protocol.directory;

import dev.ipcm.ContentException;
import dev.ipcm.NoSuchPeerException;
import dev.ipcm.Stats;
import dev.ipcm.serial.Serializer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The {@code N.stats} files of a route directory: each client's persisted counts. */
final class StatsFiles {
    private static final String SUFFIX = ".stats";

    private final RouteDirectory route;
    private final Serializer serializer;

    StatsFiles(RouteDirectory route, Serializer serializer) {
        this.route = route;
        this.serializer = serializer;
    }

    /**
     * The counts a client persisted, for its reconnect. A client that was killed never wrote them:
     * while its pidfile is there it reconnects with fresh counts and gets its mail (the reference
     * refuses; docs/decisions.md, "Reconnect after a crash"); whether the pid is really dead is
     * checked next, by {@link Registration#checkReconnectable}.
     */
    Stats readForReconnect(String id, String onDiskName) {
        route.requireExists();
        Path file = route.sidecar(onDiskName, SUFFIX);
        Optional<byte[]> bytes;
        try {
            bytes = Sidecars.read(file);
            if (bytes.isEmpty() && Sidecars.readPid(route.sidecar(onDiskName, ".pid")).isPresent()) {
                return new Stats();
            }
        } catch (IOException e) {
            throw route.failure("read stats file", file, e);
        }
        if (bytes.isEmpty()) {
            throw new NoSuchPeerException("Could not open stats file '" + file + "': client '" + id + "' never suspended "
                    + "or disconnected on this store and holds no registration; connect it instead");
        }
        return decode(bytes.get(), file);
    }

    /** Writes {@code N.stats} directly (truncate and write), as the reference does; silent once the store is gone. */
    void write(String onDiskName, Stats stats) {
        Path file = route.sidecar(onDiskName, SUFFIX);
        try {
            Sidecars.writeDirect(file, serializer.serialize(stats.toJson()));
        } catch (IOException e) {
            if (route.exists()) {
                throw route.failure("write stats file", file, e);
            }
        }
    }

    /** Every client's persisted counts, by client id. */
    Map<String, Stats> readAll() {
        Map<String, Stats> out = new TreeMap<>();
        for (String e : route.list()) {
            if (!e.endsWith(SUFFIX)) {
                continue;
            }
            String n = e.substring(0, e.length() - SUFFIX.length());
            Path file = route.entry(e);
            try {
                Optional<byte[]> bytes = Sidecars.read(file);
                if (bytes.isPresent()) {
                    out.put(Sidecars.readName(route.sidecar(n, ".name")).orElse(n), decode(bytes.get(), file));
                }
            } catch (IOException ex) {
                throw route.failure("read stats file", file, ex);
            }
        }
        return out;
    }

    private Stats decode(byte[] bytes, Path file) {
        try {
            return Stats.fromJson(serializer.deserialize(bytes));
        } catch (ContentException | NumberFormatException e) {
            throw new ContentException("Stats file '" + file + "' is not a valid " + serializer.referenceName()
                    + " payload (" + e.getMessage() + "); delete it if it is damaged", e);
        }
    }
}
