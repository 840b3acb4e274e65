package dev.ipcm.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.ipcm.Capabilities;
import dev.ipcm.Capability;
import dev.ipcm.Client;
import dev.ipcm.ClientClosedException;
import dev.ipcm.Message;
import dev.ipcm.MessagesWaitingException;
import dev.ipcm.NotSupportedException;
import dev.ipcm.Store;
import dev.ipcm.junit.ClientName;
import dev.ipcm.junit.IgnoreSanityCheck;
import dev.ipcm.junit.IpcmConfiguration;
import dev.ipcm.junit.IpcmTest;
import dev.ipcm.junit.RequiresCapability;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apiguardian.api.API;
import org.junit.jupiter.api.Test;

/**
 * Leaving and coming back: disconnect with and without a handler, suspend with and without a
 * deadline, reconnect, stats and the sanity delta. The rules are those of docs/conformance.md,
 * "The client contract", section "Leaving and coming back".
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
@IpcmTest
@ScenarioGroup("lifecycle")
public class LifecycleScenarios {
    private final Duration wait;

    /** Created by Jupiter with the harness settings. */
    public LifecycleScenarios(IpcmConfiguration config) {
        this.wait = config.awaitTimeout();
    }

    /** test_disconnect_with_handler: waiting messages go to the handler, in order, instead of failing. */
    @Test
    @ScenarioName("disconnect_with_handler")
    void disconnectWithHandler(@ClientName("dh1") Client dh1, @ClientName("dh2") Client dh2) {
        dh1.send("dh2", Map.of("msg", "waiting_1"));
        dh1.send("dh2", Map.of("msg", "waiting_2"));
        List<Message> handed = new ArrayList<>();
        dh2.disconnect(handed::addAll);
        assertThat(dh2.isDisconnected()).as("whether dh2 is disconnected after its handler ran").isTrue();
        assertThat(handed.stream().sorted(Message.ORDER).map(m -> m.content().get("msg").asText())).as("the messages handed to the handler, in order")
                .containsExactly("waiting_1", "waiting_2");
    }

    /** Without a handler, waiting messages make disconnect throw (carrying them), after disconnecting fully. */
    @Test
    @ScenarioName("disconnect_without_handler")
    @IgnoreSanityCheck("the unread message is the point of the scenario")
    void disconnectWithoutHandler(Store store, @ClientName("a") Client a, @ClientName("b") Client b) {
        a.send("b", "unread");
        assertThatThrownBy(b::disconnect).as("disconnecting b with one message unread").isInstanceOfSatisfying(MessagesWaitingException.class,
                e -> assertThat(e.messages()).as("the messages the exception carries").extracting(m -> m.content().asText()).containsExactly("unread"))
                .hasMessageContaining("Messages waiting at disconnect for b");
        assertThat(b.isDisconnected()).as("whether b is disconnected after the failed disconnect").isTrue();
        assertThat(Await.peers(a, () -> !a.peers().contains("b"), wait)).as("a's peers once b left").isTrue();
        a.disconnect();
        Client probe = store.connect("probe");
        assertThat(store.sanityDelta(probe)).as("the sanity delta: the unread message").isEqualTo(Map.of("a -> b", 1L));
        probe.disconnect();
    }

    /** A disconnected client refuses further use, and a second disconnect is a no-op. */
    @Test
    @ScenarioName("closed_client")
    void closedClient(@ClientName("a") Client a, @ClientName("b") Client b) {
        a.disconnect();
        a.disconnect();
        assertThatThrownBy(() -> a.send("b", "late")).as("a send from a disconnected client").isInstanceOf(ClientClosedException.class).hasMessageContaining("'a'");
        assertThatThrownBy(a::receive).as("a receive on a disconnected client").isInstanceOf(ClientClosedException.class);
    }

    /**
     * Disconnecting a client from one thread while another thread of the same process waits in
     * {@code awaitMessages} ends both promptly: the disconnect returns and the wait returns empty or
     * fails as closed. The waiter announces itself just before it waits, and a disconnect needs
     * milliseconds of work before it closes the client's wake-up machinery, so the waiter is almost
     * always inside its wait by then; where in its wait it is (sleeping, or checking the inbox)
     * is up to the scheduler.
     */
    @Test
    @ScenarioName("disconnect_while_waiting")
    void disconnectWhileAnotherThreadWaits(@ClientName("a") Client a, @ClientName("b") Client b) throws Exception {
        // Own threads, not the common pool: on two cores it has one thread, which the wait would hold.
        ExecutorService threads = Executors.newCachedThreadPool();
        try {
            CountDownLatch waiting = new CountDownLatch(1);
            CompletableFuture<Object> waiter = CompletableFuture.supplyAsync(() -> {
                waiting.countDown();
                try {
                    return b.awaitMessages(wait.multipliedBy(4));
                } catch (ClientClosedException e) {
                    return e;
                }
            }, threads);
            assertThat(waiting.await(wait.toMillis(), TimeUnit.MILLISECONDS)).as("whether the waiting thread started").isTrue();
            CompletableFuture.runAsync(b::disconnect, threads).get(wait.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(b.isDisconnected()).as("whether b is disconnected").isTrue();
            Object outcome = waiter.get(wait.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(outcome).as("what the waiting thread got when b disconnected").satisfiesAnyOf(
                    o -> assertThat(o).isInstanceOf(ClientClosedException.class),
                    o -> assertThat(o).isEqualTo(List.of()));
            assertThat(a.isDisconnected()).as("whether a, another client, stayed connected").isFalse();
        } finally {
            threads.shutdownNow();
        }
    }

    /** test_suspend_and_reconnect: what was sent before and during a suspend arrives, in order, after reconnect. */
    @Test
    @ScenarioName("suspend_and_reconnect")
    @RequiresCapability(Capability.SUSPEND)
    void suspendAndReconnect(Store store, @ClientName("sr1") Client sr1, @ClientName("sr2") Client sr2) {
        sr1.send("sr2", Map.of("before", "suspend"));
        sr2.suspend();
        assertThat(sr1.peerExists("sr2")).as("whether the suspended sr2 still exists for sr1").isTrue();
        sr1.send("sr2", Map.of("during", "suspend"));
        Client back = store.reconnect("sr2");
        List<Message> got = Await.messages(back, 2, wait);
        assertThat(got).as("sr2's messages after reconnect: before and during the suspend, in order").extracting(m -> m.content().toString()).containsExactly("{\"before\":\"suspend\"}", "{\"during\":\"suspend\"}");
        back.disconnect();
    }

    /** A suspend deadline is visible to peers and cleared by reconnecting. */
    @Test
    @ScenarioName("suspend_deadline")
    @RequiresCapability(Capability.SUSPEND)
    void suspendDeadline(Store store, @ClientName("watcher") Client watcher, @ClientName("sleeper") Client sleeper) {
        Instant until = Instant.ofEpochSecond(4_000_000_000L, 250_000_000);
        sleeper.suspend(until);
        assertThat(watcher.peerSuspendExpires("sleeper")).as("the suspend deadline sleeper's peers see").hasValueSatisfying(v ->
                assertThat(v.compareTo(new BigDecimal("4000000000.25"))).isZero());
        assertThat(watcher.peers()).as("the peers the watcher sees while sleeper is suspended").contains("sleeper");
        Client back = store.reconnect("sleeper");
        assertThat(watcher.peerSuspendExpires("sleeper")).as("the suspend deadline after sleeper reconnected").isEmpty();
        assertThat(watcher.peerActive("sleeper")).as("whether sleeper is active after reconnecting").isTrue();
        back.disconnect();
    }

    /** A protocol without SUSPEND refuses it clearly and the client stays usable. */
    @Test
    @ScenarioName("suspend_unsupported")
    void suspendUnsupported(Capabilities caps, @ClientName("a") Client a) {
        assumeFalse(caps.has(Capability.SUSPEND), "the protocol supports suspend");
        assertThatThrownBy(a::suspend).as("a suspend on a protocol without SUSPEND").isInstanceOf(NotSupportedException.class).hasMessageContaining("suspend");
        assertThat(a.isDisconnected()).as("whether the client stayed connected after the refused suspend").isFalse();
    }

    /** Stats count per peer, survive a disconnect, and balance when everything was read. */
    @Test
    @ScenarioName("stats_and_sanity")
    void statsAndSanity(Store store, @ClientName("d1") Client d1, @ClientName("d2") Client d2) {
        assertThat(d1.stats().read()).as("d1's read counts before anything was sent").isEmpty();
        assertThat(d1.stats().sent()).as("d1's sent counts before anything was sent").isEmpty();
        d1.send("d2", 1);
        d1.send("d2", 2);
        d2.send("d1", 3);
        assertThat(Await.messages(d2, 2, wait)).as("d2's messages from d1").hasSize(2);
        assertThat(Await.messages(d1, 1, wait)).as("d1's message from d2").hasSize(1);
        d1.disconnect();
        d2.disconnect();
        Client probe = store.connect("probe");
        Map<String, dev.ipcm.Stats> all = probe.allStats();
        assertThat(all.get("d1").sent()).as("d1's persisted sent counts after disconnect").isEqualTo(Map.of("d2", 2L));
        assertThat(all.get("d2").read()).as("d2's persisted read counts after disconnect").isEqualTo(Map.of("d1", 2L));
        assertThat(store.sanityDelta(probe)).as("the sanity delta once everything was read").isEmpty();
        probe.disconnect();
    }
}
