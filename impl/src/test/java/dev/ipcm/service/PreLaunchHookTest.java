package dev.ipcm.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ipcm.Ipcm;
import dev.ipcm.SpawnOptions;
import dev.ipcm.Store;
import dev.ipcm.os.Os;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code AbstractService.preLaunchHook}: runs in the launching process before the service starts; its failure stops the launch. */
class PreLaunchHookTest {
    static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    /** An Echo service whose hook writes the pid it runs in, or fails when told to. */
    public static class HookedEcho extends EchoService {
        public HookedEcho(ServiceParams params) {
            super(params);
        }

        @Override
        protected void preLaunchHook() throws Exception {
            Path marker = settings().params().path("marker").orElseThrow();
            if (settings().params().flag("fail_hook")) {
                throw new java.io.IOException("no licence file");
            }
            Files.writeString(marker, Long.toString(Os.get().pid()));
        }
    }

    @Test
    void theHookRunsInTheLaunchingProcessBeforeAChildJvmStarts() throws Exception {
        Path marker = dir.resolve("hook.pid");
        ServiceOptions o = ServiceOptions.named("hooked").serviceClass(HookedEcho.class)
                .param("marker", marker.toString())
                .spawnOptions(SpawnOptions.defaults().protocol("MessageFiles").peerTimeout(WAIT)).timeout(WAIT);
        Bus.FAST_JVM.forEach(o::jvmOption);
        try (ServiceHandle h = Services.start(o)) {
            assertThat(Files.readString(marker)).isEqualTo(Long.toString(Os.get().pid()));
            assertThat(h.childPid()).isPresent();
            assertThat(h.childPid().getAsLong()).isNotEqualTo(Os.get().pid());
            assertThat(h.request("x", WAIT).text()).isEqualTo("echo: x");
        }
    }

    @Test
    void aFailingHookStopsTheLaunchWithItsReason() {
        try (Store store = Ipcm.spawn(SpawnOptions.defaults().protocol("LocalMemory"))) {
            ServiceOptions o = ServiceOptions.named("hooked").serviceClass(HookedEcho.class).inThread()
                    .param("marker", dir.resolve("never").toString()).param("fail_hook", 1)
                    .ipcmInfo(store.info()).timeout(WAIT);
            assertThatThrownBy(() -> Services.start(o)).isInstanceOf(ServiceStartException.class)
                    .hasMessageContaining("Pre-launch hook of service 'hooked' failed").hasMessageContaining("no licence file");
            assertThat(Files.exists(dir.resolve("never"))).isFalse();
            assertThat(store.connect("witness").peerExists("hooked")).isFalse();
        }
    }
}
