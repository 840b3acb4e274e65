package dev.ipcm.spi;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ipcm.Client;
import dev.ipcm.ConnectionInfo;
import dev.ipcm.ContentException;
import dev.ipcm.IpcmFacade;
import dev.ipcm.NotSupportedException;
import dev.ipcm.StoreBackend;
import dev.ipcm.StoreGoneException;
import dev.ipcm.UnknownProtocolException;
import dev.ipcm.internal.ChildJvm;
import dev.ipcm.internal.DataSources;
import dev.ipcm.internal.Json;
import dev.ipcm.internal.OneConnection;
import dev.ipcm.serial.Serializer;
import dev.ipcm.serial.Serializers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apiguardian.api.API;

/** The implementation of {@link IpcmFacade}, which finds it by this class name. */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class IpcmFacadeImpl extends IpcmFacade {
    /** Called by the facade's loader. */
    public IpcmFacadeImpl() {}

    @Override
    protected StoreBackend spawn(Optional<String> protocolName, List<String> candidates, Optional<String> serializerName,
            Map<String, String> params) {
        Protocol protocol = protocolName.map(Protocols::byName).orElseGet(() -> firstAvailable(candidates));
        Serializer serializer = serializerName.map(IpcmFacadeImpl::serializer).orElseGet(Serializers::defaultSerializer);
        requireKnownParameters(protocol, params.keySet());
        SpawnRequest request = new SpawnRequest(serializer, params);
        sweepDeadOwners(protocol, request);
        Spawned spawned = protocol.spawn(request);
        ConnectionInfo info = new ConnectionInfo(protocol.referenceName(), serializer.infoSpec(), spawned.route());
        return new ProtocolStoreBackend(protocol, serializer, info, spawned.stash());
    }

    /** Never fails the spawn: a store left by a killed owner is cleaned up here or by a later spawn. */
    private static void sweepDeadOwners(Protocol protocol, SpawnRequest request) {
        try {
            protocol.sweepDeadOwners(request);
        } catch (RuntimeException e) {
            System.getLogger("dev.ipcm").log(System.Logger.Level.WARNING, "could not sweep " + protocol.name()
                    + " stores whose owner died: " + e);
        }
    }

    @Override
    protected Client connect(String name, ConnectionInfo info, boolean reconnect, Map<String, String> params) {
        Protocol protocol = Protocols.byName(info.protocol());
        Serializer serializer = Serializers.fromSpec(info.serializer());
        if (!protocol.storeExists(info.route())) {
            throw new StoreGoneException("The " + protocol.name() + " store at '" + info.route()
                    + "' does not exist (it was destroyed, or the info string is stale); spawn a new store");
        }
        return protocol.connect(new ConnectRequest(name, info, serializer, reconnect, params));
    }

    @Override
    protected void requireProtocol(String name) {
        Protocols.byName(name);
    }

    @Override
    protected void requireSerializer(String nameOrSpec) {
        serializer(nameOrSpec);
    }

    @Override
    protected String defaultSerializerName() {
        return Serializers.defaultSerializer().referenceName();
    }

    @Override
    protected List<String> defaultProtocolList() {
        return Protocols.defaultList();
    }

    @Override
    protected Map<String, String> poolParams(javax.sql.DataSource pool) {
        return Map.of(DataSources.PARAM, DataSources.register(pool));
    }

    @Override
    protected String protocolOf(javax.sql.DataSource pool) {
        return DataSources.protocolOf(pool);
    }

    @Override
    protected Map<String, String> connectionParams(java.sql.Connection connection) {
        return poolParams(new OneConnection(connection));
    }

    @Override
    protected List<String> childJvmCommand(Class<?> main, List<String> args) {
        return ChildJvm.of(main).args(args).command();
    }

    private static Protocol firstAvailable(List<String> candidates) {
        List<String> reasons = new ArrayList<>();
        for (String name : candidates) {
            try {
                Protocol p = Protocols.byName(name);
                Availability a = p.availability();
                if (a.isAvailable()) {
                    return p;
                }
                reasons.add(name + ": " + a);
            } catch (UnknownProtocolException e) {
                reasons.add(name + ": not on the class path");
            }
        }
        throw new UnknownProtocolException("Could not find a viable protocol among " + candidates + ": " + reasons);
    }

    private static Serializer serializer(String nameOrSpec) {
        String t = nameOrSpec.trim();
        if (t.startsWith("[") || t.startsWith("\"")) {
            JsonNode spec;
            try {
                spec = Json.decode(t);
            } catch (ContentException e) {
                throw new UnknownProtocolException("Serializer spec is not valid JSON: " + nameOrSpec, e);
            }
            return Serializers.fromSpec(spec);
        }
        return Serializers.byName(t);
    }

    private static void requireKnownParameters(Protocol protocol, Set<String> given) {
        protocol.spawnParameters().ifPresent(known -> {
            Set<String> unknown = new TreeSet<>(given);
            unknown.removeAll(known);
            if (!unknown.isEmpty()) {
                throw new NotSupportedException("Unknown spawn parameter" + (unknown.size() > 1 ? "s " : " ")
                        + String.join(", ", unknown) + " for the " + protocol.name() + " protocol: it knows "
                        + String.join(", ", new TreeSet<>(known)) + "; check the spelling (nothing was created)");
            }
        });
    }
}
