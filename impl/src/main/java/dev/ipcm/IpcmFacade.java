package dev.ipcm;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * What the entry point of this package needs from the plugin machinery: protocols and
 * serializers found by name, stores spawned and clients connected through them, child JVMs. Its
 * one implementation, {@code dev.ipcm.spi.IpcmFacadeImpl}, is found by name at run time, because
 * the SPI builds on this package and so must not be imported from here.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public abstract class IpcmFacade {
    private static final IpcmFacade IMPLEMENTATION = FacadeLoader.load(IpcmFacade.class, "dev.ipcm.spi.IpcmFacadeImpl");

    /** For the one implementation. */
    protected IpcmFacade() {}

    static IpcmFacade get() {
        return IMPLEMENTATION;
    }

    /**
     * Spawns a store: through {@code protocol} when present, else through the first available of
     * {@code candidates}; with the serializer named or specified, else the default one.
     */
    protected abstract StoreBackend spawn(Optional<String> protocol, List<String> candidates,
            Optional<String> serializer, Map<String, String> params);

    /** Connects (or reconnects) a client to the store {@code info} describes. */
    protected abstract Client connect(String name, ConnectionInfo info, boolean reconnect, Map<String, String> params);

    /** Fails with {@link UnknownProtocolException} when no protocol has that name. */
    protected abstract void requireProtocol(String name);

    /** Fails with {@link UnknownProtocolException} when the serializer name or spec is unknown or wrong. */
    protected abstract void requireSerializer(String nameOrSpec);

    /** The reference name of the serializer a spawn uses when nothing names one. */
    protected abstract String defaultSerializerName();

    /** The protocols a spawn tries when nothing names one, in IPC::Manager's order. */
    protected abstract List<String> defaultProtocolList();

    /** The connect parameters that hand an application's pool to a database client. */
    protected abstract Map<String, String> poolParams(javax.sql.DataSource pool);

    /** The database protocol that serves the pool's URL; {@link UnknownProtocolException} when none does. */
    protected abstract String protocolOf(javax.sql.DataSource pool);

    /** The connect parameters that hand one application-owned connection to a database client. */
    protected abstract Map<String, String> connectionParams(java.sql.Connection connection);

    /** The command that starts a JVM with this JVM's class path running {@code main} with {@code args}. */
    protected abstract List<String> childJvmCommand(Class<?> main, List<String> args);
}
