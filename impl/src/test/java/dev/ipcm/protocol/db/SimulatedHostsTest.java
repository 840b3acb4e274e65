package dev.ipcm.protocol.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.fail;

import dev.ipcm.Client;
import dev.ipcm.Ipcm;
import dev.ipcm.PeerGoneException;
import dev.ipcm.PeerHost;
import dev.ipcm.Store;
import dev.ipcm.internal.ChildJvm;
import dev.ipcm.os.Os;
import dev.ipcm.service.ServiceHandle;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Two hosts on one machine (docs/protocols/databases.md, "Across machines"): host A is a child JVM
 * in PID and UTS namespaces of its own ({@code unshare --pid --fork --mount-proc --uts}, host name
 * {@code host-a}), where it runs as pid 1; host B is this JVM. They share one store on the
 * configured PostgreSQL and MariaDB servers. Where namespaces cannot be made (not root) the test is
 * skipped with the reason; with {@code IPCM_REQUIRE_NAMESPACES=true} (environment or system
 * property) it fails instead, as in CI.
 *
 * <p>The bound: a SIGKILLed peer of A is seen gone from B within {@link #DETECTION_BOUND}. The
 * killed process's kernel closes its sockets, the server ends its sessions and frees its tokens at
 * once, and B's checks run at least every 200 ms (a request's peer check); the bound leaves room
 * for a loaded machine. Pid 1 runs in B (its init), so a pid check would keep the dead peer alive.
 */
class SimulatedHostsTest {
    static final String REQUIRE = "IPCM_REQUIRE_NAMESPACES";
    static final Duration DETECTION_BOUND = Duration.ofSeconds(10);
    private static final Duration WAIT = Duration.ofSeconds(60);
    /** B's sweep grace: short, so that the test sees A's dead peers swept after it. */
    private static final String SWEEP_GRACE_SECONDS = "1";

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = DbTargets.class, names = {"POSTGRESQL_SERVER", "MARIADB_SERVER"})
    void peersOnTwoHostsTalkAndSeeADeathAcrossThem(DbTargets target) throws Exception {
        requireNamespaces();
        try (Store store = Ipcm.spawn(target.spawnOptions())) {
            Process hostA = startHostA(target, store.info());
            try {
                String ready = readLine(hostA);
                assertThat(ready).as("host A's first line").startsWith("ready 1 host-a");
                try (Client b = store.connect("b-peer", Map.of(SweepGrace.PARAM, SWEEP_GRACE_SECONDS));
                        ServiceHandle handle = ServiceHandle.builder("a-svc", store.info()).name("b-handle").build()) {
                    acrossHosts(b, handle);
                    sessionsCutByTheServer(target, store, b, handle);
                    String hanging = handle.sendRequest("a-svc", "hang");
                    CompletableFuture<Throwable> pending = CompletableFuture.supplyAsync(() -> {
                        try {
                            handle.awaitResponse(hanging, WAIT);
                            return null;
                        } catch (RuntimeException e) {
                            return e;
                        }
                    });
                    kill(hostA);
                    assertThat(pending.get(DETECTION_BOUND.toSeconds(), TimeUnit.SECONDS))
                            .as("the pending request, once host A's service was killed")
                            .isInstanceOf(PeerGoneException.class).hasMessageContaining("a-svc");
                    long deadline = System.nanoTime() + DETECTION_BOUND.toNanos();
                    while (b.peerActive("a-peer")) {
                        if (System.nanoTime() > deadline) {
                            fail("host A's killed peer still looked alive from host B after " + DETECTION_BOUND);
                        }
                        b.awaitMessages(Duration.ofMillis(50));
                    }
                    assertThat(Os.get().isRunning(1)).as("pid 1 runs in host B too").isTrue();
                    assertThat(b.peerPid("a-peer")).hasValue(1);
                    assertThat(b.peers()).doesNotContain("a-peer", "a-svc");
                    assertThat(handle.ready()).isFalse();
                    assertThat(AbstractDbStoreTest.eventually(() -> {
                        b.peerLeft();
                        return !b.peerExists("a-peer") && !b.peerExists("a-svc");
                    })).as("host A's peers swept once their tokens were free for the grace").isTrue();
                }
            } finally {
                kill(hostA);
            }
        }
    }

    /** Messages both ways, a request answered across hosts, and where each peer lives. */
    private static void acrossHosts(Client b, ServiceHandle handle) {
        PeerHost a = b.peerHost("a-peer").orElseThrow();
        assertThat(a.name()).isEqualTo("host-a");
        assertThat(a.local()).isFalse();
        assertThat(b.peerHost("a-svc")).hasValueSatisfying(h -> assertThat(h.id()).isEqualTo(a.id()));
        assertThat(b.peerPid("a-peer")).hasValue(1);
        assertThat(b.peerActive("a-peer")).isTrue();
        assertThat(b.peers()).contains("a-peer", "a-svc");
        assertThat(handle.ready()).isTrue();
        assertThat(handle.serviceHost()).hasValueSatisfying(h -> assertThat(h.name()).isEqualTo("host-a"));
        assertThat(handle.servicePid()).hasValue(1);
        b.send("a-peer", "ping");
        assertThat(b.awaitMessages(WAIT)).singleElement().satisfies(m -> {
            assertThat(m.from()).isEqualTo("a-peer");
            assertThat(m.content().asText()).isEqualTo("pong:ping");
        });
        assertThat(handle.syncRequest("a-svc", "hi", WAIT).text()).isEqualTo("echo: hi");
    }

    /**
     * The server ends every session of the store ({@code pg_terminate_backend}, {@code KILL}):
     * both hosts reconnect, take their tokens again, and go on; nothing sent is lost.
     */
    private static void sessionsCutByTheServer(DbTargets target, Store store, Client b, ServiceHandle handle)
            throws Exception {
        ServerStoreTests.kill(target, store, java.util.Set.of());
        b.send("a-peer", "after the cut");
        assertThat(b.awaitMessages(WAIT)).singleElement()
                .satisfies(m -> assertThat(m.content().asText()).isEqualTo("pong:after the cut"));
        assertThat(handle.syncRequest("a-svc", "again", WAIT).text()).isEqualTo("echo: again");
        assertThat(AbstractDbStoreTest.eventually(() -> b.peerActive("a-peer") && b.peerActive("a-svc")))
                .as("host A's clients hold their tokens again").isTrue();
    }

    private static void requireNamespaces() throws InterruptedException {
        String why;
        try {
            Process p = new ProcessBuilder("unshare", "--pid", "--fork", "--mount-proc", "--uts", "true")
                    .redirectErrorStream(true).start();
            boolean ended = p.waitFor(30, TimeUnit.SECONDS);
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (ended && p.exitValue() == 0) {
                return;
            }
            p.destroyForcibly();
            why = ended ? "unshare --pid --fork --mount-proc --uts failed (" + out + "): it needs root" : "unshare hung";
        } catch (IOException e) {
            why = "unshare could not run: " + e.getMessage();
        }
        String v = System.getProperty("ipcm.require.namespaces", System.getenv(REQUIRE));
        if ("true".equalsIgnoreCase(v)) {
            fail(why + " (" + REQUIRE + "=true makes this a failure)");
        }
        Assumptions.abort("simulated hosts need PID and UTS namespaces: " + why);
    }

    /** Host A: the child JVM as pid 1 of new PID and UTS namespaces, named host-a; killed with it when unshare dies. */
    private static Process startHostA(DbTargets target, String info) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("unshare", "--pid", "--fork", "--mount-proc", "--uts", "--kill-child",
                "sh", "-c", "hostname host-a && exec \"$@\"", "sh"));
        // Without perf data: every JVM that is pid 1 of its namespace wants /tmp/hsperfdata_<user>/1, and
        // when another holds it (a second build running this test) the warning lands on standard output.
        cmd.addAll(ChildJvm.of(HostPeer.class).args(info, "a").quickStart().jvmOption("-XX:-UsePerfData").command());
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT);
        String user = target.user();
        if (user != null) {
            pb.environment().put(DbCredentials.USER_ENV, user);
        }
        return pb.start();
    }

    private static String readLine(Process p) throws Exception {
        BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
            try {
                return r.readLine();
            } catch (IOException e) {
                return "unreadable: " + e;
            }
        });
        return line.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    /** SIGKILL to host A's JVM (its pid 1), then to unshare; waits until both are gone. */
    private static void kill(Process hostA) throws InterruptedException {
        hostA.descendants().forEach(ProcessHandle::destroyForcibly);
        hostA.destroyForcibly();
        if (!hostA.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)) {
            fail("host A did not end within " + WAIT);
        }
    }
}
