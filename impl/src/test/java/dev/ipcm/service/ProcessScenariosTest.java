package dev.ipcm.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ipcm.internal.ChildJvm;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The service scenarios that act on a store the test owns, so they cannot run on the store the
 * conformance harness lends (its services group, docs/conformance.md, covers the others): a
 * program as the service, and a store shutdown that signals its peers. They run on every
 * available protocol that crosses processes, with real child JVMs.
 */
public class ProcessScenariosTest {
    static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    static java.util.stream.Stream<Bus> buses() {
        return Bus.crossProcess();
    }

    // ---- a service that is just a program connecting itself ----------------------------------------

    @ParameterizedTest(name = "{0}")
    @MethodSource("buses")
    void anyProgramThatConnectsItselfCanBeTheService(Bus bus) {
        bus.require();
        ChildJvm echo = ChildJvm.of(EchoService.class);
        Bus.FAST_JVM.forEach(echo::jvmOption);
        ServiceOptions o = ServiceOptions.named("prog_echo").program(echo.command())
                .spawnOptions(bus.spawn()).timeout(Bus.READY);
        try (ServiceHandle h = Services.start(o)) {
            assertThat(h.childPid()).isEqualTo(h.servicePid());
            assertThat(h.request("from a program", WAIT).text()).isEqualTo("echo: from a program");
        }
    }

    // ---- store shutdown with a signal ---------------------------------------------------

    /** Writes a marker on USR1. */
    public static class UsrFactory implements ServiceFactory {
        @Override
        public AbstractService create(ServiceParams p) {
            Path marker = p.path("marker").orElseThrow();
            return Service.builder(p).onSig("USR1", (s, sig) -> Await.write(marker, sig))
                    .handleRequest((s, r) -> "ok").build();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("buses")
    void spawnTerminateWithSignal(Bus bus) {
        Path marker = dir.resolve("usr1.txt");
        try (ServiceHandle h = Services.start(bus.service("sigterm_svc", UsrFactory.class).param("marker", marker.toString()))) {
            assertThat(h.syncRequest("sigterm_svc", "ping", WAIT).text()).isEqualTo("ok");
            h.store().orElseThrow().signal("USR1");
        }
        assertThat(Await.file(marker, WAIT)).isEqualTo("USR1");
    }
}
