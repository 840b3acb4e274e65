package dev.ipcm.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ipcm.Capability;
import dev.ipcm.Store;
import dev.ipcm.conformance.services.ProbeService;
import dev.ipcm.junit.IpcmConfiguration;
import dev.ipcm.junit.IpcmTest;
import dev.ipcm.junit.RequiresCapability;
import dev.ipcm.os.Os;
import dev.ipcm.service.Response;
import dev.ipcm.service.ServiceHandle;
import dev.ipcm.service.WaitStatus;
import java.time.Duration;
import org.apiguardian.api.API;
import org.junit.jupiter.api.Test;

/**
 * IPC::Manager's service scenarios that observe one service in another process: its pid,
 * requests answered and failed across processes, signals and reaped children. Each uses one
 * child JVM (the harness's Echo service, or a {@link ProbeService} that answers what a
 * scenario asks of its process). The rules are those of docs/conformance.md, "The client contract",
 * section "Services".
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
@IpcmTest
@RequiresCapability(Capability.CROSS_PROCESS)
@ScenarioGroup("services")
public class ServiceProbeScenarios {
    private final Duration wait;

    /** Created by Jupiter with the harness settings. */
    public ServiceProbeScenarios(IpcmConfiguration config) {
        this.wait = config.awaitTimeout();
    }

    /** test_child_pid: the handle knows the service's process, which is another one, running, and the one answering. */
    @Test
    @ScenarioName("child_pid")
    void childPid(ServiceHandle echo) {
        long child = echo.childPid().orElseThrow();
        assertThat(child).as("child pid").isPositive().isNotEqualTo(Os.get().pid());
        assertThat(Os.get().isRunning(child)).as("child %s running", child).isTrue();
        assertThat(echo.servicePid()).as("service pid").hasValue(child);
        assertThat(echo.process().orElseThrow().pid()).as("pid of the handle's process").isEqualTo(child);
        assertThat(echo.syncRequest("echo", "child", wait).text()).as("answer from the child").isEqualTo("echo: child");
    }

    /** A request from this process is answered by the service in another one, generic errors included. */
    @Test
    @ScenarioName("cross_process_requests")
    void crossProcessRequests(Store store) {
        try (RunningServices services = new RunningServices(store, wait)) {
            ServiceHandle probe = services.start(RunningServices.inChildJvm("probe_svc", ProbeService.class));
            assertThat(probe.syncRequest("probe_svc", "hello", wait).text()).as("answer").isEqualTo("echo: hello");
            Response crash = probe.syncRequest("probe_svc", "crash", wait);
            assertThat(crash.error()).as("error of the failed request").contains("Internal service error");
            assertThat(crash.value().isNull()).as("value of a failed request is null").isTrue();
            assertThat(probe.syncRequest("probe_svc", "again", wait).text()).as("answer after the failure").isEqualTo("echo: again");
        }
    }

    /** test_service_signal_handling: a signal sent to the service's pid runs its handler, and it keeps serving. */
    @Test
    @ScenarioName("service_signal_handling")
    void signals(Store store) {
        try (RunningServices services = new RunningServices(store, wait)) {
            ServiceHandle probe = services.start(RunningServices.inChildJvm("probe_svc", ProbeService.class));
            long pid = probe.servicePid().orElseThrow();
            assertThat(Os.get().kill(pid, "USR1")).as("USR1 sent to %s", pid).isTrue();
            MarkerFiles.until("the service to report USR1", wait,
                    () -> probe.syncRequest("probe_svc", "signals", wait).text().contains("USR1"));
            assertThat(probe.syncRequest("probe_svc", "ping", wait).text()).as("answer after the signal").isEqualTo("echo: ping");
        }
    }

    /** test_service_on_pid: a child the service started is reaped, with its exit code, by the on-pid callback. */
    @Test
    @ScenarioName("service_on_pid")
    void onPid(Store store) {
        try (RunningServices services = new RunningServices(store, wait)) {
            ServiceHandle probe = services.start(RunningServices.inChildJvm("probe_svc", ProbeService.class));
            long child = probe.syncRequest("probe_svc", "fork_child", wait).value().asLong();
            assertThat(child).as("pid of the service's child").isPositive();
            int[] status = {-1};
            MarkerFiles.until("the service to reap child " + child, wait,
                    () -> (status[0] = probe.syncRequest("probe_svc", "reaped:" + child, wait).value().asInt()) >= 0);
            assertThat(WaitStatus.exitCode(status[0])).as("exit code of the reaped child").isEqualTo(5);
            assertThat(WaitStatus.signal(status[0])).as("signal of the reaped child").isZero();
        }
    }
}
