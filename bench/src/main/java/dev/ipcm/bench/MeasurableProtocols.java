package dev.ipcm.bench;

import dev.ipcm.Capability;
import dev.ipcm.UnknownProtocolException;
import dev.ipcm.spi.Availability;
import dev.ipcm.spi.Protocol;
import dev.ipcm.spi.Protocols;
import java.util.ArrayList;
import java.util.List;

/** Which protocols the cross-process runner measures, and why one of them cannot be measured here. */
final class MeasurableProtocols {
    private MeasurableProtocols() {}

    /** The protocols the options name, else every protocol on the class path reachable from another process. */
    static List<String> names(BenchOptions options) {
        if (options.protocols().isPresent()) {
            return options.protocols().get();
        }
        List<String> names = new ArrayList<>();
        for (Protocol p : Protocols.all().values()) {
            if (p.capabilities().has(Capability.CROSS_PROCESS)) {
                names.add(p.name());
            }
        }
        return names;
    }

    /** Why a protocol cannot be measured, or null when it can. */
    static String unusable(String name) {
        Protocol p;
        try {
            p = Protocols.byName(name);
        } catch (UnknownProtocolException e) {
            return e.getMessage();
        }
        if (!p.capabilities().has(Capability.CROSS_PROCESS)) {
            return name + " cannot be reached from another process, so there is nothing to measure between two JVMs";
        }
        Availability a = p.availability();
        return a.isAvailable() ? null : name + " is not available here: " + a;
    }
}
