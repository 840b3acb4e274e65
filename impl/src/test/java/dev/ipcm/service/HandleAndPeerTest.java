package dev.ipcm.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ipcm.Capability;
import dev.ipcm.Client;
import dev.ipcm.Ipcm;
import dev.ipcm.Message;
import dev.ipcm.PeerGoneException;
import dev.ipcm.SpawnOptions;
import dev.ipcm.Store;
import dev.ipcm.os.Os;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Handles and peers, and the requesting side's deadlines and peer-loss rules (docs/services.md,
 * "Handles, peers and waiting for responses"), on every available protocol, branching on
 * capabilities only.
 */
class HandleAndPeerTest {
    static final Duration WAIT = Duration.ofSeconds(30);

    static java.util.stream.Stream<Bus> buses() {
        return Bus.all();
    }

    @Test
    void aHandleNeedsItsServiceAndStoreAndConnectsLazily() {
        assertThatThrownBy(() -> ServiceHandle.builder(null, "x")).isInstanceOf(ServiceConfigException.class)
                .hasMessageContaining("'service_name' is a required attribute");
        assertThatThrownBy(() -> ServiceHandle.builder("svc", "")).isInstanceOf(ServiceConfigException.class)
                .hasMessageContaining("'ipcm_info' is a required attribute");
        // child_pid_unset: a handle made by hand on a bogus info string touches nothing.
        ServiceHandle h = ServiceHandle.builder("nope", "fake").build();
        assertThat(h.childPid()).isEmpty();
        assertThat(h.name()).matches("[0-9a-f-]{36}");
        assertThat(h.interval()).isEqualTo(Duration.ofMillis(200));
        assertThat(h.havePendingResponses()).isFalse();
        assertThat(h.messages()).isEmpty();
        h.setChildPid(4242);
        assertThat(h.childPid()).hasValue(4242);
        Message m = Message.builder("x").to("y").content("hello").build();
        h.bufferForTest(m);
        assertThat(h.messages()).containsExactly(m);
        assertThat(h.messages()).isEmpty();
        assertThat(ServiceHandle.builder("nope", "fake").name("mine").build().name()).isEqualTo("mine");
        assertThatThrownBy(() -> ServiceHandle.builder("nope", "fake").interval(Duration.ZERO))
                .isInstanceOf(ServiceConfigException.class).hasMessageContaining("interval");
        h.close();
    }

    @Test
    void aPeerNeedsANameAndAServiceOfThisProcessHeldWeakly() {
        try (Store store = Ipcm.spawn(SpawnOptions.defaults().protocol("LocalMemory"))) {
            EchoService s = new EchoService("owner", store.info());
            assertThatThrownBy(() -> new ServicePeer("", s.context())).isInstanceOf(ServiceConfigException.class)
                    .hasMessageContaining("'name' is required");
            assertThatThrownBy(() -> new ServicePeer("p", null)).isInstanceOf(ServiceConfigException.class)
                    .hasMessageContaining("'owner' is required");
            EchoService elsewhere = new EchoService("elsewhere", store.info());
            elsewhere.context().setPid(1);
            assertThatThrownBy(() -> elsewhere.context().peer("p")).isInstanceOf(ServiceConfigException.class)
                    .hasMessageContaining("only be called on the service in the service process (pid 1)");
            ServicePeer peer = s.context().peer("p");
            assertThat(s.context().peer("p")).isSameAs(peer);
            assertThat(peer.owner()).containsSame(s.context());
            assertThat(peer.childPid()).isEmpty();
            peer.setChildPid(77);
            assertThat(peer.childPid()).hasValue(77);

            ServicePeer orphan = new ServicePeer("p", new EchoService("gone", store.info()).context());
            Await.until("the service to be collected", WAIT, () -> {
                System.gc();
                return orphan.owner().isEmpty();
            });
            assertThatThrownBy(orphan::ready).isInstanceOf(ServiceConfigException.class).hasMessageContaining("gone");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("buses")
    void readyPassesThroughWithDeadlines(Bus bus) throws Exception {
        bus.require();
        try (Store store = Ipcm.spawn(bus.spawn())) {
            EchoService owner = new EchoService("owner", store.info());
            ServicePeer peer = owner.context().peer("later");
            try (ServiceHandle h = ServiceHandle.builder("later", store.info()).name("waiter").build()) {
                assertThat(h.ready()).isFalse();
                assertThat(h.ready(Duration.ofMillis(300))).isFalse();
                assertThat(peer.ready(Duration.ofMillis(300))).isFalse();
                CompletableFuture<Boolean> waiting = CompletableFuture.supplyAsync(() -> h.ready(WAIT));
                try (Client later = store.connect("later")) {
                    assertThat(waiting.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
                    assertThat(h.ready()).isTrue();
                    assertThat(peer.ready(Duration.ofMillis(300))).isTrue();
                    assertThat(h.servicePid()).hasValue(Os.get().pid());
                    assertThat(peer.servicePid()).hasValue(Os.get().pid());
                    assertThat(later.name()).isEqualTo("later");
                }
            }
            owner.context().disconnect();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("buses")
    void deadlinesOnASilentPeer(Bus bus) {
        bus.require();
        try (Store store = Ipcm.spawn(bus.spawn()); Client silent = store.connect("silent");
                ServiceHandle h = ServiceHandle.builder("silent", store.info()).name("asker").build()) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> h.syncRequest("silent", "x", Duration.ofMillis(500)))
                    .isInstanceOf(RequestTimeoutException.class).hasMessageContaining("timed out after 0.5s");
            assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(400));
            String id = h.sendRequest("silent", "y");
            assertThatThrownBy(() -> h.awaitResponse(id, Duration.ZERO)).isInstanceOf(RequestTimeoutException.class);
            assertThatThrownBy(() -> h.awaitAllResponses(Duration.ofMillis(300))).isInstanceOf(RequestTimeoutException.class)
                    .hasMessage("await_all_responses: timed out after 0.3s with pending responses");
            // Entries are kept after a timeout: a late answer is still accepted.
            Message req = silent.receive().get(1);
            silent.send("asker", Wire.response(req.content().get("ipcm_request_id").asText(), "late", null));
            assertThat(h.awaitResponse(id, WAIT).text()).isEqualTo("late");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("buses")
    void aPeerThatLeavesIsGoneButASuspendedOneIsWaitedFor(Bus bus) {
        bus.require();
        try (Store store = Ipcm.spawn(bus.spawn());
                ServiceHandle h = ServiceHandle.builder("target", store.info()).name("asker").build()) {
            Client target = store.connect("target");
            boolean suspends = target.capabilities().has(Capability.SUSPEND);
            String id = h.sendRequest("target", "x");
            if (suspends) {
                target.suspend();
                assertThatThrownBy(() -> h.awaitResponse(id, Duration.ofMillis(400)))
                        .isInstanceOf(RequestTimeoutException.class);
                Client back = store.reconnect("target");
                back.suspend(Instant.now().minusSeconds(5));
                assertThatThrownBy(() -> h.awaitResponse(id, WAIT)).isInstanceOf(PeerGoneException.class)
                        .hasMessage("peer 'target' went away while awaiting response '" + id + "'");
                target = store.reconnect("target");
                target.suspend(Instant.now().plusSeconds(600));
                assertThatThrownBy(() -> h.awaitResponse(id, Duration.ofMillis(400)))
                        .isInstanceOf(RequestTimeoutException.class);
                target = store.reconnect("target");
            }
            target.disconnect(m -> { });
            if (target.capabilities().has(Capability.DISCONNECTED_PEERS_ADDRESSABLE)) {
                // The store keeps a cleanly departed peer registered and its mail waiting for its
                // return, so to a requester it looks suspended: still waited for.
                assertThatThrownBy(() -> h.awaitResponse(id, Duration.ofMillis(400)))
                        .isInstanceOf(RequestTimeoutException.class);
                return;
            }
            assertThatThrownBy(() -> h.awaitResponse(id, WAIT)).isInstanceOf(PeerGoneException.class)
                    .hasMessageContaining("went away");
            assertThatThrownBy(() -> h.awaitAllResponses(WAIT)).isInstanceOf(PeerGoneException.class)
                    .hasMessage("peer(s) 'target' went away while awaiting responses");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("buses")
    void aPeerThatAnsweredAndLeftStillDeliversItsAnswer(Bus bus) {
        bus.require();
        try (Store store = Ipcm.spawn(bus.spawn());
                ServiceHandle h = ServiceHandle.builder("target", store.info()).name("asker").build()) {
            Client target = store.connect("target");
            h.client();
            String id = h.sendRequest("target", Map.of("n", 1));
            Message req = target.awaitMessages(WAIT).get(0);
            target.send("asker", Wire.response(req.content().get("ipcm_request_id").asText(), "bye", null));
            target.disconnect();
            assertThat(h.awaitResponse(id, WAIT).text()).isEqualTo("bye");
        }
    }

    /**
     * The handle asks about the peer's liveness only after a wait that brought nothing, at the
     * deadline, or once per interval: a gone peer is still reported, with a zero timeout too, and
     * while unrelated messages keep every wait short.
     */
    @Test
    void aGonePeerIsNoticedAtAZeroDeadlineAndWhileOtherMessagesKeepArriving() throws Exception {
        try (Store store = Ipcm.spawn(SpawnOptions.defaults().protocol("LocalMemory").peerTimeout(WAIT));
                ServiceHandle h = ServiceHandle.builder("target", store.info()).name("asker").build();
                Client chatter = store.connect("chatter")) {
            Client target = store.connect("target");
            h.client();
            String id = h.sendRequest("target", "x");
            target.disconnect(m -> { });
            assertThatThrownBy(() -> h.awaitResponse(id, Duration.ZERO)).isInstanceOf(PeerGoneException.class)
                    .hasMessage("peer 'target' went away while awaiting response '" + id + "'");
            java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
            Thread noise = new Thread(() -> {
                while (!stop.get()) {
                    chatter.send("asker", "noise");
                    java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
                }
            });
            noise.start();
            try {
                assertThatThrownBy(() -> h.awaitResponse(id, WAIT)).isInstanceOf(PeerGoneException.class);
                assertThatThrownBy(() -> h.awaitAllResponses(WAIT)).isInstanceOf(PeerGoneException.class)
                        .hasMessage("peer(s) 'target' went away while awaiting responses");
            } finally {
                stop.set(true);
                noise.join(WAIT.toMillis());
            }
            assertThat(h.messages()).isNotEmpty().allSatisfy(m -> assertThat(m.content().asText()).isEqualTo("noise"));
        }
    }
}
