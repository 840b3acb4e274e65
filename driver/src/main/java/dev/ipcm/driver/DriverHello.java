package dev.ipcm.driver;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ipcm.Capabilities;
import dev.ipcm.Capability;
import dev.ipcm.IpcmException;
import dev.ipcm.internal.Json;
import dev.ipcm.spi.Availability;
import dev.ipcm.spi.Protocol;
import java.util.ArrayList;
import java.util.List;

/** The driver's answer to {@code hello}, turned into one {@link DriverProtocol} per protocol it announces. */
final class DriverHello {
    /** The version of docs/driver-protocol.md this side speaks. */
    static final int PROTOCOL_VERSION = 1;

    private DriverHello() {}

    static List<Protocol> protocolsOf(DriverProcess process) {
        JsonNode hello = process.call("hello", Json.mapper().createObjectNode().put("version", PROTOCOL_VERSION));
        int version = hello.path("version").asInt(-1);
        if (version != PROTOCOL_VERSION) {
            throw new IpcmException("The driver '" + process.command() + "' speaks driver protocol version " + version
                    + ", this side speaks " + PROTOCOL_VERSION);
        }
        String driver = requiredText(hello, "name", process);
        List<Protocol> out = new ArrayList<>();
        for (JsonNode p : hello.path("protocols")) {
            String name = requiredText(p, "name", process);
            out.add(new DriverProtocol(process, driver + ":" + name, name,
                    p.path("reference_name").asText("IPC::Manager::Client::" + name), capabilities(p, name, process), availability(p)));
        }
        return out;
    }

    private static Capabilities capabilities(JsonNode p, String protocol, DriverProcess process) {
        List<Capability> caps = new ArrayList<>();
        for (JsonNode c : p.path("capabilities")) {
            caps.add(capability(c.asText(), protocol, process));
        }
        Capabilities out = Capabilities.of(caps.toArray(Capability[]::new));
        if (p.hasNonNull("max_message_bytes")) {
            out = out.withMaxMessageBytes(p.get("max_message_bytes").asLong());
        }
        if (p.hasNonNull("max_name_length")) {
            out = out.withMaxNameLength(p.get("max_name_length").asInt());
        }
        return out;
    }

    private static Capability capability(String name, String protocol, DriverProcess process) {
        try {
            return Capability.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new IpcmException("The driver '" + process.command() + "' declares the capability '" + name + "' for "
                    + protocol + ", which this ipcm does not know; declare only these (docs/driver-protocol.md): "
                    + java.util.Arrays.toString(Capability.values()));
        }
    }

    private static Availability availability(JsonNode p) {
        JsonNode unavailable = p.path("unavailable");
        return unavailable.isObject()
                ? Availability.unavailable(unavailable.path("reason").asText(), unavailable.path("remedy").asText())
                : Availability.available();
    }

    private static String requiredText(JsonNode node, String field, DriverProcess process) {
        String v = node.path(field).asText("");
        if (v.isEmpty()) {
            throw new IpcmException("The driver '" + process.command() + "' answered hello without '" + field + "': "
                    + node);
        }
        return v;
    }
}
