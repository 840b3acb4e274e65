package dev.ipcm.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ipcm.Client;
import dev.ipcm.Ipcm;
import dev.ipcm.SpawnOptions;
import dev.ipcm.Store;
import dev.ipcm.internal.ChildJvm;
import dev.ipcm.internal.Json;
import dev.ipcm.os.Os;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The service JVM's entry point and exit codes (docs/services.md, "Exit codes"), and launch errors: each wrong
 * launch gets its own exception naming what was wrong.
 */
public class LaunchTest {
    static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    static java.util.stream.Stream<Bus> buses() {
        return Bus.crossProcess();
    }

    /** Writes what it was given at start, then terminates with {@code code} (or answers requests until told to end). */
    public static class ExitFactory implements ServiceFactory {
        @Override
        public AbstractService create(ServiceParams p) {
            Path marker = p.path("marker").orElseThrow();
            int code = p.get("code") == null ? 0 : p.get("code").asInt();
            return Service.builder(p).onStart(s -> {
                String flag = p.get("exec") == null ? "-" : p.get("exec").path("stay_in_begin").asText();
                Await.write(marker, "stay_in_begin=" + flag + " returns=" + s.settings().runReturnsToCaller());
                if (p.flag("fail")) {
                    throw new IllegalStateException("failing on purpose");
                }
                s.terminate(code);
            }).handleRequest((s, r) -> "ok").build();
        }
    }

    private Process runMain(Bus bus, Store store, ObjectNode params) throws Exception {
        params.put("ipcm_info", store.info());
        params.put("class", ExitFactory.class.getName());
        params.put("marker", dir.resolve("marker.txt").toString());
        ChildJvm jvm = ChildJvm.of(ServiceMain.class).args(Json.encodeToString(params));
        Bus.FAST_JVM.forEach(jvm::jvmOption);
        Process p = jvm.start();
        p.getInputStream().transferTo(System.out);
        assertThat(p.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        return p;
    }

    private ObjectNode params(String name) {
        return Json.mapper().createObjectNode().put("name", name);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("buses")
    void theExitCodeIsTheTerminationValueOr255(Bus bus) throws Exception {
        bus.require();
        try (Store store = Ipcm.spawn(bus.spawn())) {
            assertThat(runMain(bus, store, params("exit42").put("code", 42)).exitValue()).isEqualTo(42);
            assertThat(Await.read(dir.resolve("marker.txt"))).isEqualTo("stay_in_begin=- returns=false");
            assertThat(runMain(bus, store, params("fails").put("fail", 1)).exitValue()).isEqualTo(255);
            try (Client observer = store.connect("observer")) {
                assertThat(observer.peerActive("exit42")).as("the service left the store").isFalse();
                if (!observer.capabilities().has(dev.ipcm.Capability.DISCONNECTED_PEERS_ADDRESSABLE)) {
                    assertThat(observer.peerExists("exit42")).isFalse();
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("buses")
    void aReturningServiceExitsZeroAndTheExecFlagsTravel(Bus bus) throws Exception {
        bus.require();
        try (Store store = Ipcm.spawn(bus.spawn())) {
            ObjectNode p = params("returner").put("code", 7).put("run_returns_to_caller", 1);
            p.putObject("exec").put("stay_in_begin", 1).putArray("cmd");
            assertThat(runMain(bus, store, p).exitValue()).isZero();
            assertThat(Await.read(dir.resolve("marker.txt"))).isEqualTo("stay_in_begin=1 returns=true");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("buses")
    void posixExitLeavesTheRegistrationBehind(Bus bus) throws Exception {
        bus.require();
        try (Store store = Ipcm.spawn(bus.spawn())) {
            Process p = runMain(bus, store, params("halter").put("code", 3).put("use_posix_exit", 1));
            assertThat(p.exitValue()).isEqualTo(3);
            try (Client observer = store.connect("observer")) {
                assertThat(observer.peerExists("halter")).isTrue();
                assertThat(observer.peerPid("halter")).as("the dead pid stays recorded").isPresent();
                assertThat(observer.peerActive("halter")).isFalse();
                observer.peerLeft();
            }
        }
    }

    @Test
    void launchErrorsSayWhatIsWrong() {
        try (Store memory = Ipcm.spawn(SpawnOptions.defaults().protocol("LocalMemory"))) {
            ServiceOptions childOnMemory = ServiceOptions.named("x").serviceClass(EchoService.class).ipcmInfo(memory.info());
            assertThatThrownBy(() -> Services.start(childOnMemory)).isInstanceOf(ServiceConfigException.class)
                    .hasMessageContaining("LocalMemory cannot cross processes").hasMessageContaining("inThread()");
            ServiceOptions noClass = ServiceOptions.named("x").ipcmInfo(memory.info()).inThread();
            assertThatThrownBy(() -> Services.start(noClass)).isInstanceOf(ServiceConfigException.class)
                    .hasMessageContaining("needs a serviceClass");
            ServiceOptions unknown = ServiceOptions.named("x").className("no.such.Service").ipcmInfo(memory.info()).inThread();
            assertThatThrownBy(() -> Services.start(unknown)).isInstanceOf(ServiceConfigException.class)
                    .hasMessageContaining("'no.such.Service' cannot be loaded");
            ServiceOptions wrongType = ServiceOptions.named("x").className(String.class.getName()).ipcmInfo(memory.info()).inThread();
            assertThatThrownBy(() -> Services.start(wrongType)).isInstanceOf(ServiceConfigException.class)
                    .hasMessageContaining("java.lang.String");
            ServiceOptions noWait = ServiceOptions.named("x").serviceClass(EchoService.class).inThread();
            assertThatThrownBy(() -> Services.launch(noWait)).isInstanceOf(ServiceConfigException.class)
                    .hasMessageContaining("without waiting unless 'ipcm_info' is given");
        }
        assertThatThrownBy(() -> Services.worker("w", NoWork.class, null))
                .isInstanceOf(ServiceConfigException.class).hasMessageContaining("only be called from inside a service");
        assertThatThrownBy(() -> ServiceOptions.named("")).isInstanceOf(ServiceConfigException.class);
        assertThatThrownBy(() -> ServiceOptions.named("x").timeout(Duration.ofSeconds(-1)))
                .isInstanceOf(ServiceConfigException.class).hasMessageContaining("PT-1S");
    }

    @Test
    void twoServicesOnOneSharedStoreGetHandlesOfTheirOwn() {
        try (Store store = Ipcm.spawn(SpawnOptions.defaults().protocol("LocalMemory").peerTimeout(WAIT))) {
            ServiceOptions a = ServiceOptions.named("echo_a").serviceClass(EchoService.class).inThread()
                    .ipcmInfo(store.info()).timeout(WAIT);
            ServiceOptions b = ServiceOptions.named("echo_b").serviceClass(EchoService.class).inThread()
                    .ipcmInfo(store.info()).timeout(WAIT);
            try (ServiceHandle ha = Services.start(a); ServiceHandle hb = Services.start(b)) {
                assertThat(ha.name()).isEqualTo("service_parent_" + Os.get().pid());
                assertThat(hb.name()).startsWith("service_parent_" + Os.get().pid() + "_");
                assertThat(ha.request("a", WAIT).text()).isEqualTo("echo: a");
                assertThat(hb.request("b", WAIT).text()).isEqualTo("echo: b");
                assertThat(ha.store()).isEmpty();
            }
            try (Client c = store.connect("still")) {
                assertThat(c.peerActive("echo_a")).as("a handle on a supplied store owns nothing").isTrue();
            }
        }
    }

    /** Registers only after a start-up longer than the ready timeout. */
    public static class SlowStartFactory implements ServiceFactory {
        @Override
        public AbstractService create(ServiceParams p) {
            return Service.builder(p).onStart(s -> TimeUnit.SECONDS.sleep(2)).handleRequest((s, r) -> "ok").build();
        }
    }

    @Test
    void aServiceThatDoesNotComeUpInTimeIsReportedAndItsStoreRemoved() {
        ServiceOptions o = ServiceOptions.named("slow").factory(SlowStartFactory.class).inThread()
                .spawnOptions(SpawnOptions.defaults().protocol("LocalMemory").peerTimeout(Duration.ofSeconds(10)))
                .timeout(Duration.ofMillis(500));
        assertThatThrownBy(() -> Services.start(o)).isInstanceOf(ServiceStartException.class)
                .hasMessageContaining("Timeout waiting for service to come up after 0.5s");
    }

    /** Calls Services.start from inside a service, which must be refused with advice. */
    public static class InsideFactory implements ServiceFactory {
        @Override
        public AbstractService create(ServiceParams p) {
            return Service.builder(p).handleRequest((s, r) -> {
                try {
                    Services.start(ServiceOptions.named("inner").serviceClass(EchoService.class));
                    return "accepted";
                } catch (ServiceConfigException e) {
                    return e.getMessage();
                }
            }).build();
        }
    }

    @Test
    void ipcmServiceInsideAServicePointsToStartService() {
        ServiceOptions o = ServiceOptions.named("outside").factory(InsideFactory.class).inThread()
                .spawnOptions(SpawnOptions.defaults().protocol("LocalMemory")).timeout(WAIT);
        try (ServiceHandle h = Services.start(o)) {
            assertThat(h.childPid()).isEmpty();
            assertThat(h.servicePid()).hasValue(Os.get().pid());
            assertThat(h.request("x", WAIT).text()).contains("context.startService(options)");
        }
    }

    /** A worker that does nothing: only its class is needed, to show where a worker may start. */
    public static class NoWork implements WorkerTask {
        @Override
        public int run(WorkerContext ctx) {
            return 0;
        }
    }
}
