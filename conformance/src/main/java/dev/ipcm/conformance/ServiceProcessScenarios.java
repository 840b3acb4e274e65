package dev.ipcm.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ipcm.Capability;
import dev.ipcm.PeerGoneException;
import dev.ipcm.Store;
import dev.ipcm.conformance.services.BrokenStartService;
import dev.ipcm.conformance.services.OuterService;
import dev.ipcm.conformance.services.PrefixService;
import dev.ipcm.conformance.services.RelaunchingService;
import dev.ipcm.conformance.services.SilentService;
import dev.ipcm.conformance.services.WorkersService;
import dev.ipcm.junit.ClientName;
import dev.ipcm.junit.IgnoreSanityCheck;
import dev.ipcm.junit.IpcmConfiguration;
import dev.ipcm.junit.IpcmTest;
import dev.ipcm.junit.RequiresCapability;
import dev.ipcm.os.Os;
import dev.ipcm.service.ServiceHandle;
import dev.ipcm.service.ServiceStartException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apiguardian.api.API;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * IPC::Manager's service scenarios about processes themselves: launch hooks that relaunch the
 * service, nested and exec'd services, watched pids, workers, a service killed mid-request and
 * one that fails at start. Each needs processes of its own, so each starts its own child JVMs
 * (with the options that make them start fastest). The rules are those of docs/conformance.md,
 * "The client contract", section "Services".
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
@IpcmTest
@RequiresCapability(Capability.CROSS_PROCESS)
@ScenarioGroup("services")
public class ServiceProcessScenarios {
    private final Duration wait;
    private final Duration start;

    /** Created by Jupiter with the harness settings. */
    public ServiceProcessScenarios(IpcmConfiguration config) {
        this.wait = config.awaitTimeout();
        this.start = PeerProcesses.startTimeout(wait);
    }

    /** test_child_pid_interpose: the handle's child is the wrapper, the service is the relaunched process. */
    @Test
    @ScenarioName("child_pid_interpose")
    void interpose(Store store, @TempDir Path dir) {
        try (RunningServices services = new RunningServices(store, wait)) {
            ServiceHandle h = services.start(RunningServices.inChildJvm("cp_interpose_svc", RelaunchingService.class)
                    .param("hook", "interpose").param("dir", dir.toString()));
            long wrapper = MarkerFiles.pid(dir.resolve("first.pid"), start);
            assertThat(h.syncRequest("cp_interpose_svc", "ping", wait).text()).as("answer").startsWith("pfh_");
            long service = MarkerFiles.pid(dir.resolve("service.pid"), start);
            assertThat(h.childPid()).as("child pid (the wrapper)").hasValue(wrapper);
            assertThat(h.servicePid()).as("service pid (relaunched)").hasValue(service);
            assertThat(wrapper).as("wrapper pid").isNotEqualTo(service);
            assertThat(Os.get().isRunning(wrapper)).as("wrapper %s running", wrapper).isTrue();
        }
    }

    /** test_post_fork_hook: a daemonizing hook leaves the first process, which exits 0, and the service answers from its own pid. */
    @Test
    @ScenarioName("post_fork_hook")
    void postForkHook(Store store, @TempDir Path dir) throws InterruptedException {
        try (RunningServices services = new RunningServices(store, wait)) {
            ServiceHandle h = services.start(RunningServices.inChildJvm("pfh_svc", RelaunchingService.class)
                    .param("hook", "daemonize").param("dir", dir.toString()));
            long middle = MarkerFiles.pid(dir.resolve("first.pid"), start);
            String answer = h.syncRequest("pfh_svc", "ping", wait).text();
            long service = MarkerFiles.pid(dir.resolve("service.pid"), start);
            assertThat(service).as("service pid").isNotEqualTo(middle);
            assertThat(h.servicePid()).as("service pid the handle knows").hasValue(service);
            assertThat(answer).as("answer").isEqualTo("pfh_" + service);
            Process first = h.process().orElseThrow();
            assertThat(first.waitFor(wait.toMillis(), TimeUnit.MILLISECONDS)).as("the first process exited").isTrue();
            assertThat(first.exitValue()).as("exit code of the first process").isZero();
            assertThat(h.childPid()).as("child pid (the first process)").hasValue(middle);
        }
    }

    /** test_nested_services and test_child_pid_nested: a service starts another and forwards to it; the inner one has a pid of its own. */
    @Test
    @ScenarioName("nested_services")
    void nested(Store store) {
        try (RunningServices services = new RunningServices(store, wait)) {
            ServiceHandle h = services.start(RunningServices.inChildJvm("outer_svc", OuterService.class));
            services.alsoEnd("inner_svc");
            assertThat(h.syncRequest("outer_svc", "hello", wait).text()).as("forwarded answer").isEqualTo("outer: inner: hello");
            long inner = h.syncRequest("outer_svc", "inner_pid", wait).value().asLong();
            assertThat(inner).as("inner service's pid").isPositive().isNotEqualTo(h.servicePid().orElseThrow())
                    .isNotEqualTo(Os.get().pid());
        }
    }

    /** test_exec_service: a service started with exec flags runs in its own process and answers. */
    @Test
    @ScenarioName("exec_service")
    void exec(Store store) {
        try (RunningServices services = new RunningServices(store, wait)) {
            ServiceHandle h = services.start(RunningServices.inChildJvm("exec_svc", PrefixService.class)
                    .param("prefix", "exec: ").exec(List.of("-Dipcm.conformance.exec=1"), false));
            assertThat(h.servicePid().orElseThrow()).as("service pid").isNotEqualTo(Os.get().pid());
            assertThat(h.syncRequest("exec_svc", "ping", wait).text()).as("answer").isEqualTo("exec: ping");
        }
    }

    /** test_watch_pids: a service ends by itself once a pid it watches has died. */
    @Test
    @ScenarioName("watch_pids")
    void watchPids(Store store, @ClientName("wp_watcher") dev.ipcm.Client watcher) {
        try (PeerProcesses peers = new PeerProcesses(wait); RunningServices services = new RunningServices(store, wait)) {
            Process watched = peers.start("idle", store.info(), "wp_watched");
            ServiceHandle h = services.start(RunningServices.inChildJvm("wp_svc", PrefixService.class)
                    .watchPids(watched.pid()));
            assertThat(h.syncRequest("wp_svc", "ping", wait).text()).as("answer while the pid lives").isEqualTo("ping");
            peers.kill(watched);
            assertThat(Await.peers(watcher, () -> !watcher.peers().contains("wp_svc"), wait))
                    .as("wp_svc left after pid %s died", watched.pid()).isTrue();
            assertThat(h.process().orElseThrow().waitFor(wait.toMillis(), TimeUnit.MILLISECONDS)).as("wp_svc exited").isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** test_workers: a service's workers run in processes of their own and are terminated when it ends. */
    @Test
    @ScenarioName("workers")
    void workers(Store store, @TempDir Path dir) {
        try (RunningServices services = new RunningServices(store, wait)) {
            ServiceHandle h = services.start(RunningServices.inChildJvm("worker_svc", WorkersService.class)
                    .param("dir", dir.toString()));
            long shortPid = MarkerFiles.pid(dir.resolve("short.pid"), start);
            long longPid = MarkerFiles.pid(dir.resolve("long.pid"), start);
            assertThat(shortPid).as("short worker's pid").isNotEqualTo(longPid).isNotEqualTo(h.servicePid().orElseThrow());
            assertThat(h.syncRequest("worker_svc", "worker_count", wait).value().asInt()).as("workers").isGreaterThanOrEqualTo(1);
        }
        assertThat(MarkerFiles.await(dir.resolve("killed.txt"), wait)).as("the long worker was terminated").isEqualTo("killed");
    }

    /** A service killed while a request waits is reported gone, by name, within the request's deadline. */
    @Test
    @ScenarioName("service_vanishes")
    @IgnoreSanityCheck("a service killed with SIGKILL never saves its counts")
    void vanishes(Store store) throws InterruptedException {
        try (RunningServices services = new RunningServices(store, wait)) {
            ServiceHandle h = services.start(RunningServices.inChildJvm("doomed_svc", SilentService.class));
            CompletableFuture<?> call = CompletableFuture.supplyAsync(() -> h.syncRequest("doomed_svc", "hang", wait));
            MarkerFiles.until("the request to be pending", wait, h::havePendingResponses);
            Process p = h.process().orElseThrow();
            p.destroyForcibly();
            assertThat(p.waitFor(wait.toMillis(), TimeUnit.MILLISECONDS)).as("the service was killed").isTrue();
            assertThatThrownBy(() -> call.get(wait.toMillis(), TimeUnit.MILLISECONDS)).as("the pending request")
                    .isInstanceOf(ExecutionException.class).cause().isInstanceOf(PeerGoneException.class)
                    .hasMessageContaining("peer 'doomed_svc' went away while awaiting response");
        }
    }

    /** A service that fails before it registers is reported with its name and exit code. */
    @Test
    @ScenarioName("service_start_failure")
    void startFailure(Store store) {
        try (RunningServices services = new RunningServices(store, wait)) {
            assertThatThrownBy(() -> services.start(RunningServices.inChildJvm("broken_svc", BrokenStartService.class)))
                    .isInstanceOf(ServiceStartException.class).hasMessageContaining("broken_svc")
                    .hasMessageContaining("exited with code 255");
        }
    }
}
