package dev.ipcm.junit;

import dev.ipcm.spi.Protocol;
import java.util.Map;
import java.util.Optional;

/**
 * How the harness can spawn stores of one protocol here (the protocol and its spawn parameters),
 * or why it cannot.
 *
 * @param name the protocol name as requested
 * @param protocol the protocol, absent when it is not on the class path
 * @param spawnParams parameters for every spawn (e.g. the server {@code url})
 * @param unavailable why it cannot run, with the remedy; absent when it can
 */
record BackendPlan(String name, Optional<Protocol> protocol, Map<String, String> spawnParams, Optional<String> unavailable) {
    static BackendPlan ready(Protocol protocol, Map<String, String> params) {
        return new BackendPlan(protocol.name(), Optional.of(protocol), Map.copyOf(params), Optional.empty());
    }

    static BackendPlan unavailable(String name, Protocol protocol, String why) {
        return new BackendPlan(name, Optional.ofNullable(protocol), Map.of(), Optional.of(why));
    }

    boolean isReady() {
        return unavailable.isEmpty();
    }

    /** The protocol's short name when known, else the requested one. */
    String displayName() {
        return protocol.map(Protocol::name).orElse(name);
    }
}
