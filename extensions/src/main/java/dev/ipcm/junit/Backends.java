package dev.ipcm.junit;

import dev.ipcm.Capability;
import dev.ipcm.UnknownProtocolException;
import dev.ipcm.spi.Availability;
import dev.ipcm.spi.Protocol;
import dev.ipcm.spi.Protocols;
import java.util.Map;
import java.util.Optional;

/**
 * Decides where a protocol's stores come from: a configured server URL, else whatever the
 * protocol finds itself (a temporary private server, a local file), else a Testcontainers
 * database when a Docker engine is present, else nowhere, with the reason and the remedy.
 */
final class Backends {
    private Backends() {}

    static BackendPlan plan(String name, IpcmConfiguration config, BackendCache cache) {
        return cache.get("plan:" + name, BackendPlan.class, () -> compute(name, config, cache));
    }

    private static BackendPlan compute(String name, IpcmConfiguration config, BackendCache cache) {
        Protocol protocol;
        try {
            protocol = Protocols.byName(name);
        } catch (UnknownProtocolException e) {
            return BackendPlan.unavailable(name, null, "protocol '" + name + "' is not on the test class path (known: "
                    + Protocols.all().keySet() + "); add the jar that registers it in META-INF/services/"
                    + Protocol.class.getName());
        }
        Optional<String> url = config.url(protocol.name());
        if (url.isPresent()) {
            return BackendPlan.ready(protocol, Map.of("server", url.get()));
        }
        Availability availability;
        try {
            availability = protocol.availability();
        } catch (RuntimeException e) {
            // availability() must not throw; a plugin that does is still reported, not fatal.
            availability = Availability.unavailable("its availability check failed: " + e, "fix the protocol plugin");
        }
        if (availability.isAvailable()) {
            if (protocol.capabilities().has(Capability.REQUIRES_SERVER)) {
                return sharedServer(protocol, config, cache);
            }
            return BackendPlan.ready(protocol, Map.of());
        }
        StringBuilder why = new StringBuilder(protocol.name()).append(" cannot run here: ").append(availability.reason());
        if (!availability.remedy().isEmpty()) {
            why.append(" (").append(availability.remedy()).append(')');
        }
        if (protocol.capabilities().has(Capability.REQUIRES_SERVER)) {
            why.append("; or set the configuration parameter ").append(IpcmConfiguration.urlKey(protocol.name()))
                    .append(" (or the environment variable IPCM_").append(protocol.name().toUpperCase(java.util.Locale.ROOT))
                    .append("_URL) to a JDBC URL");
            Docker.Outcome docker = Docker.serverUrl(protocol.name(), config, cache);
            if (docker.url().isPresent()) {
                return BackendPlan.ready(protocol, Map.of("server", docker.url().get()));
            }
            why.append("; ").append(docker.whyNot());
        }
        return BackendPlan.unavailable(name, protocol, why.toString());
    }

    /** A server protocol that can start its own private server: one per run, a database per store. */
    private static BackendPlan sharedServer(Protocol protocol, IpcmConfiguration config, BackendCache cache) {
        SharedServer server;
        try {
            server = cache.get("shared-server:" + protocol.name(), SharedServer.class, () -> SharedServer.start(protocol, config));
        } catch (RuntimeException e) {
            // Leave it to each spawn, which reports its own failure precisely.
            return BackendPlan.ready(protocol, Map.of());
        }
        return BackendPlan.ready(protocol, Map.of("server", server.route()));
    }
}
