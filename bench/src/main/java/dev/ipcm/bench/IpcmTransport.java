package dev.ipcm.bench;

import dev.ipcm.Client;
import dev.ipcm.Ipcm;
import dev.ipcm.SpawnOptions;
import dev.ipcm.Store;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** An ipcm protocol as a transport: a fresh store per session, one client per side. */
final class IpcmTransport implements Transport {
    private final String protocol;
    private final Map<String, String> spawnParams;

    IpcmTransport(String protocol, Map<String, String> spawnParams) {
        this.protocol = protocol;
        this.spawnParams = Map.copyOf(spawnParams);
    }

    String protocol() {
        return protocol;
    }

    @Override
    public String label() {
        return protocol;
    }

    @Override
    public boolean isRaw() {
        return false;
    }

    @Override
    public String spec() {
        return "ipcm:" + protocol;
    }

    /** A database user and password given as spawn parameters reach the child as the protocols' own variables. */
    @Override
    public Map<String, String> childEnvironment() {
        Map<String, String> env = new java.util.HashMap<>();
        if (spawnParams.containsKey("user")) {
            env.put("IPCM_DB_USER", spawnParams.get("user"));
        }
        if (spawnParams.containsKey("password")) {
            env.put("IPCM_DB_PASSWORD", spawnParams.get("password"));
        }
        return env;
    }

    @Override
    public TransportSession start(Path workDir, int size) {
        SpawnOptions options = SpawnOptions.defaults().protocol(protocol).peerTimeout(Duration.ofSeconds(10));
        spawnParams.forEach(options::param);
        Store store = Ipcm.spawn(options);
        return new TransportSession() {
            @Override
            public String childArgument() {
                return store.info();
            }

            @Override
            public Link parentLink(String name, String child) {
                return new IpcmLink(store.connect(name), child, size);
            }

            @Override
            public AutoCloseable idlePeer(String name) {
                Client idle = store.connect(name);
                return () -> idle.disconnect(messages -> { });
            }

            @Override
            public void close() {
                store.close();
            }
        };
    }

    @Override
    public Link childLink(String argument, String name, String peer, int size) {
        return new IpcmLink(Ipcm.connect(name, argument), peer, size);
    }
}
