package dev.ipcm.junit;

import dev.ipcm.Ipcm;
import dev.ipcm.SpawnOptions;
import dev.ipcm.Store;
import dev.ipcm.spi.Protocol;

/**
 * One temporary database server per protocol per test run, for server protocols that start a
 * private server when none is configured: starting one per test would cost seconds each. The
 * first store (which owns the server) stays open for the run; every test's store is then a fresh
 * database on that server, passed as the {@code server} spawn parameter.
 */
final class SharedServer implements AutoCloseable {
    private final Store owner;

    private SharedServer(Store owner) {
        this.owner = owner;
    }

    static SharedServer start(Protocol protocol, IpcmConfiguration config) {
        return new SharedServer(Ipcm.spawn(SpawnOptions.defaults().protocol(protocol.name()).serializer(config.serializer())
                .peerTimeout(config.shutdownTimeout())));
    }

    /** The server's location (a DBI DSN), usable as the {@code server} spawn parameter. */
    String route() {
        return owner.route();
    }

    @Override
    public void close() {
        owner.unspawn();
    }
}
