package dev.ipcm.service;

import dev.ipcm.Capability;
import dev.ipcm.SpawnOptions;
import dev.ipcm.spi.Protocol;
import dev.ipcm.spi.Protocols;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * One protocol to run service scenarios on, and how: protocols that cross processes run their
 * services in child JVMs, the others (LocalMemory) in threads. The list comes from the protocols
 * on the class path that are available here, so a new protocol is tested without editing tests.
 */
public final class Bus {
    /** Options that make short-lived child JVMs start faster; they change nothing observable. */
    static final List<String> FAST_JVM = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto");
    static final Duration READY = Duration.ofSeconds(60);

    final String protocol;
    final boolean inThread;

    private Bus(String protocol, boolean inThread) {
        this.protocol = protocol;
        this.inThread = inThread;
    }

    /**
     * Every available protocol: cross-process ones with child JVMs, the rest with threads. By
     * default protocols that need a database server ({@link Capability#REQUIRES_SERVER}) are left
     * out, because spawning a store there takes seconds and the scenarios spawn one each; the
     * system property {@code ipcm.service.test.protocols} takes {@code all}, or a comma-separated
     * list of names, instead.
     */
    static Stream<Bus> all() {
        String only = System.getProperty("ipcm.service.test.protocols", "").trim();
        boolean every = only.equalsIgnoreCase("all");
        List<String> wanted = only.isEmpty() || every ? List.of() : List.of(only.split("\\s*,\\s*"));
        List<Bus> out = new ArrayList<>();
        for (Protocol p : Protocols.all().values()) {
            boolean chosen = wanted.isEmpty() ? every || !p.capabilities().has(Capability.REQUIRES_SERVER)
                    : wanted.contains(p.name());
            if (chosen && p.availability().isAvailable()) {
                out.add(new Bus(p.name(), !p.capabilities().has(Capability.CROSS_PROCESS)));
            }
        }
        return out.stream();
    }

    /** Available protocols that cross processes (services in child JVMs); a placeholder that skips when none. */
    static Stream<Bus> crossProcess() {
        List<Bus> out = new ArrayList<>(all().filter(b -> !b.inThread).toList());
        if (out.isEmpty()) {
            out.add(new Bus(null, false));
        }
        return out.stream();
    }

    /** Skips the test when no protocol qualified. */
    Bus require() {
        Assumptions.assumeTrue(protocol != null, "no available protocol can cross processes");
        return this;
    }

    SpawnOptions spawn() {
        return SpawnOptions.defaults().protocol(protocol).peerTimeout(Duration.ofSeconds(30));
    }

    /** Options for a service on a new store of this protocol, in a child JVM or a thread. */
    ServiceOptions service(String name, Class<?> serviceOrFactory) {
        require();
        ServiceOptions o = ServiceOptions.named(name).className(serviceOrFactory.getName())
                .spawnOptions(spawn()).timeout(READY);
        FAST_JVM.forEach(o::jvmOption);
        return inThread ? o.inThread() : o;
    }

    @Override
    public String toString() {
        return protocol == null ? "(none)" : protocol + (inThread ? " (thread)" : " (child JVM)");
    }
}
