package dev.ipcm.service;

import dev.ipcm.SpawnOptions;
import dev.ipcm.os.Os;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The middle process of the watch_pids scenario: starts a service that watches this process,
 * makes one request, reports, and halts without closing anything, so only the service's watch
 * on this pid can end it. Arguments: protocol, report file, the service's clean-up marker.
 */
public final class WatchPidsMiddle {
    private WatchPidsMiddle() {}

    public static void main(String[] args) {
        Path ready = Path.of(args[1]);
        try {
            ServiceOptions o = ServiceOptions.named("wp_svc").factory(ProcessScenariosTest.CleanupFactory.class)
                    .param("marker", args[2]).spawnOptions(SpawnOptions.defaults().protocol(args[0]))
                    .watchPids(Os.get().pid()).timeout(Duration.ofSeconds(60));
            Bus.FAST_JVM.forEach(o::jvmOption);
            ServiceHandle h = Services.start(o);
            String answer;
            try {
                answer = h.syncRequest("wp_svc", "ping", Duration.ofSeconds(30)).text();
            } catch (RuntimeException e) {
                answer = "ERROR: " + e.getMessage();
            }
            Await.write(ready, answer + "\n" + h.ipcmInfo() + "\n" + h.servicePid().orElse(0));
        } catch (Throwable t) {
            Await.write(ready, "ERROR: " + t);
        }
        Runtime.getRuntime().halt(0);
    }
}
