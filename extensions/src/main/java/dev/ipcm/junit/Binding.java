package dev.ipcm.junit;

import dev.ipcm.spi.Protocols;
import dev.ipcm.Capabilities;
import dev.ipcm.Capability;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One protocol a test or property runs on: how to spawn its stores (or why it cannot run here)
 * and whether it must run. Both front doors choose their protocols and decide skips through it.
 *
 * @param plan how to spawn stores for it, or why it cannot run
 * @param required whether it is listed in {@value IpcmConfiguration#PROTOCOLS_REQUIRED}
 */
record Binding(BackendPlan plan, boolean required) {
    /** The bindings to run on: the names given, else {@value IpcmConfiguration#PROTOCOLS}, else every protocol; required ones always added. */
    static List<Binding> select(String[] named, IpcmConfiguration config, BackendCache cache) {
        List<Binding> out = new ArrayList<>();
        for (String name : names(named, config)) {
            out.add(of(name, config, cache));
        }
        return out;
    }

    /** The binding of one protocol name. */
    static Binding of(String name, IpcmConfiguration config, BackendCache cache) {
        return new Binding(Backends.plan(name, config, cache), config.isRequired(name));
    }

    private static Set<String> names(String[] named, IpcmConfiguration config) {
        Set<String> names = new LinkedHashSet<>();
        if (named.length > 0) {
            names.addAll(List.of(named));
            return names;
        }
        names.addAll(config.protocols().isEmpty() ? Protocols.all().keySet() : config.protocols());
        for (String required : config.requiredProtocols()) {
            if (names.stream().noneMatch(n -> n.equalsIgnoreCase(required))) {
                names.add(required);
            }
        }
        return names;
    }

    /** {@code [Protocol]}, the prefix of every message about this binding. */
    String label() {
        return "[" + plan.displayName() + "]";
    }

    /**
     * Why this protocol cannot run a test or property ({@code what}) that needs these
     * capabilities: it is unavailable here, or it does not declare them. Empty when it can run.
     */
    Optional<String> cannotRun(Set<Capability> needed, String what) {
        if (!plan.isReady()) {
            return plan.unavailable();
        }
        Capabilities caps = plan.protocol().orElseThrow().capabilities();
        Set<Capability> missing = EnumSet.noneOf(Capability.class);
        needed.stream().filter(c -> !caps.has(c)).forEach(missing::add);
        return missing.isEmpty() ? Optional.empty()
                : Optional.of(plan.displayName() + " does not declare the capabilities " + missing + " this " + what + " requires");
    }

    /** Whether its tests fail rather than skip: required, and unavailable here. */
    boolean mustFail() {
        return required && !plan.isReady();
    }

    /** The failure of a required protocol that cannot run here. */
    ProtocolUnavailableException unavailableButRequired() {
        return new ProtocolUnavailableException(plan.displayName() + " is listed in "
                + IpcmConfiguration.PROTOCOLS_REQUIRED + " but " + plan.unavailable().orElseThrow());
    }
}
