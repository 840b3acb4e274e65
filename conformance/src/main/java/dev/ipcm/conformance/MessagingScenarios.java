package dev.ipcm.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ipcm.BroadcastResult;
import dev.ipcm.Capabilities;
import dev.ipcm.Capability;
import dev.ipcm.Client;
import dev.ipcm.ConnectionInfo;
import dev.ipcm.ContentException;
import dev.ipcm.InvalidNameException;
import dev.ipcm.Message;
import dev.ipcm.MessageTooLargeException;
import dev.ipcm.MessagesWaitingException;
import dev.ipcm.NameTakenException;
import dev.ipcm.NoSuchPeerException;
import dev.ipcm.SendAttempt;
import dev.ipcm.SendOutcome;
import dev.ipcm.Store;
import dev.ipcm.internal.Json;
import dev.ipcm.junit.ClientName;
import dev.ipcm.junit.IgnoreSanityCheck;
import dev.ipcm.junit.IpcmConfiguration;
import dev.ipcm.junit.IpcmTest;
import dev.ipcm.junit.RequiresCapability;
import dev.ipcm.spi.Stores;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apiguardian.api.API;
import org.junit.jupiter.api.Test;

/**
 * Sending and receiving: delivery with a full envelope, ordering, broadcast, requeue, and the
 * errors for unknown peers, bad names, unserializable and oversized content. The rules are those
 * of docs/conformance.md, "The client contract", section "Sending and receiving".
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
@IpcmTest
@ScenarioGroup("messaging")
public class MessagingScenarios {
    // Larger limits (SQLite's blob size) would need gigabytes of heap to probe.
    private static final long MAX_TESTED_LIMIT = 64L * 1024 * 1024;
    private final Duration wait;

    /** Created by Jupiter with the harness settings. */
    public MessagingScenarios(IpcmConfiguration config) {
        this.wait = config.awaitTimeout();
    }

    /** The core bus scenario of IPC::Manager's test_generic, with exact stats and the expected mismatch. */
    @Test
    @ScenarioName("generic")
    @IgnoreSanityCheck("leaves one message unread on purpose and asserts the mismatch itself")
    void generic(Store store) {
        ConnectionInfo info = ConnectionInfo.parse(store.info());
        assertThat(info.toString()).as("the info string parsed and written back").isEqualTo(store.info());
        assertThat(info.protocol()).as("the protocol named in the info string").isEqualTo(Stores.protocol(store).referenceName());
        assertThat(info.route()).as("the route in the info string").isEqualTo(store.route());
        assertThat(info.serializer()).as("the serializer in the info string").isEqualTo(Stores.serializer(store).infoSpec());

        Client con1 = store.connect("con1");
        Client con2 = store.connect("con2");
        assertThat(con1.receive()).as("con1's inbox before anything was sent").isEmpty();
        assertThat(con2.receive()).as("con2's inbox before anything was sent").isEmpty();

        con1.send("con2", Map.of("hi", "there"));
        con2.send("con1", Map.of("ahoy", "matey"));
        assertEnvelope(Await.messages(con2, 1, wait), "con1", "con2", Json.toTree(Map.of("hi", "there")));
        assertEnvelope(Await.messages(con1, 1, wait), "con2", "con1", Json.toTree(Map.of("ahoy", "matey")));
        assertThat(con1.receive()).as("con1's inbox after reading its one message").isEmpty();
        assertThat(con2.receive()).as("con2's inbox after reading its one message").isEmpty();

        con1.send("con2", "string message!");
        assertEnvelope(Await.messages(con2, 1, wait), "con1", "con2", Json.toTree("string message!"));

        Client con3 = store.connect("con3");
        Map<String, BroadcastResult> results = con3.broadcast(Map.of("mass", "message"));
        assertThat(results).as("con3's broadcast results per peer").containsOnlyKeys("con1", "con2").allSatisfy((k, v) -> assertThat(v.sent()).isTrue());
        for (Client c : List.of(con1, con2)) {
            List<Message> got = Await.messages(c, 1, wait);
            assertThat(got).as("broadcasts from con3 at %s", c.name()).hasSize(1);
            assertThat(got.get(0).from()).as("the sender of con3's broadcast").isEqualTo("con3");
            assertThat(got.get(0).toOrNull()).as("the recipient of a broadcast copy").isEqualTo(c.name());
            assertThat(got.get(0).isBroadcast()).as("the broadcast flag of a broadcast copy").isTrue();
        }
        assertThat(con3.receive()).as("con3's inbox after its own broadcast").isEmpty();

        con3.broadcast(Map.of("mass", "message"));
        con3.broadcast(Map.of("mass", "message"));
        assertThat(Await.messages(con1, 2, wait)).as("con1's messages after two more broadcasts").hasSize(2);
        assertThat(Await.messages(con2, 2, wait)).as("con2's messages after two more broadcasts").hasSize(2);

        con1.send("con2", "woosh, I am invisible");

        assertThat(con1.stats().read()).as("con1's read counts per peer").isEqualTo(Map.of("con2", 1L, "con3", 3L));
        assertThat(con1.stats().sent()).as("con1's sent counts per peer").isEqualTo(Map.of("con2", 3L));
        assertThat(con2.stats().read()).as("con2's read counts per peer").isEqualTo(Map.of("con1", 2L, "con3", 3L));
        assertThat(con2.stats().sent()).as("con2's sent counts per peer").isEqualTo(Map.of("con1", 1L));
        assertThat(con3.stats().read()).as("con3's read counts").isEmpty();
        assertThat(con3.stats().sent()).as("con3's sent counts per peer").isEqualTo(Map.of("con1", 3L, "con2", 3L));

        con1.disconnect();
        con3.disconnect();
        assertThatThrownBy(con2::disconnect).as("disconnecting con2 with one message unread").isInstanceOf(MessagesWaitingException.class)
                .hasMessageContaining("Messages waiting at disconnect for con2");
        Client probe = store.connect("probe");
        assertThat(store.sanityDelta(probe)).as("the sanity delta: sent but never received").isEqualTo(Map.of("con1 -> con2", 1L));
        probe.disconnect();
        assertThat(isExistingPath(store.info())).as("the info string is not a path").isFalse();
    }

    private static boolean isExistingPath(String text) {
        try {
            return Files.exists(Path.of(text));
        } catch (InvalidPathException e) {
            return false;
        }
    }

    private static void assertEnvelope(List<Message> got, String from, String to, JsonNode content) {
        assertThat(got).as("messages that arrived").hasSize(1);
        Message m = got.get(0);
        assertThat(m.id()).as("the message id").isNotBlank();
        assertThat(m.stamp()).as("the message stamp").isNotNull();
        assertThat(m.from()).as("the sender").isEqualTo(from);
        assertThat(m.toOrNull()).as("the recipient").isEqualTo(to);
        assertThat(m.content()).as("the content").isEqualTo(content);
        assertThat(m.isBroadcast()).as("the broadcast flag of a direct message").isFalse();
    }

    /** Messages from one sender arrive in the order they were sent. */
    @Test
    @ScenarioName("in_order")
    void inOrder(@ClientName("sender") Client sender, @ClientName("receiver") Client receiver) {
        for (int i = 0; i < 3; i++) {
            sender.send("receiver", i);
        }
        assertThat(Await.messages(receiver, 3, wait)).as("the receiver's messages, in send order").extracting(m -> m.content().asInt()).containsExactly(0, 1, 2);
    }

    /** A broadcast reaches every other live peer once and never its sender. */
    @Test
    @ScenarioName("broadcast")
    void broadcast(@ClientName("a") Client a, @ClientName("b") Client b, @ClientName("c") Client c) {
        assertThat(a.broadcast("all")).as("the peers a's broadcast went to").containsOnlyKeys("b", "c");
        assertThat(Await.messages(b, 1, wait)).as("b's copy of the broadcast").singleElement().satisfies(m -> assertThat(m.toOrNull()).isEqualTo("b"));
        assertThat(Await.messages(c, 1, wait)).as("c's copy of the broadcast").singleElement().satisfies(m -> assertThat(m.toOrNull()).isEqualTo("c"));
        assertThat(a.receive()).as("the broadcaster's own inbox").isEmpty();
    }

    /** A client may send to itself. */
    @Test
    @ScenarioName("send_to_self")
    void sendToSelf(@ClientName("narcissus") Client self) {
        self.send("narcissus", "me");
        assertThat(Await.messages(self, 1, wait)).as("the message sent to oneself").extracting(m -> m.content().asText()).containsExactly("me");
    }

    /**
     * test_try_message: {@code tryMessage} sends as {@code send} does and never throws; a missing
     * peer is a failed attempt carrying the error, and nothing is stored.
     */
    @Test
    @ScenarioName("try_message")
    void tryMessage(@ClientName("tm1") Client tm1, @ClientName("tm2") Client tm2) {
        SendAttempt hello = tm1.tryMessage("tm2", Map.of("data", "hello"));
        SendAttempt world = tm1.tryMessage(Message.builder("tm1").to("tm2").content(Map.of("data", "world")).build());
        assertThat(hello.isSent()).isTrue();
        assertThat(hello.error()).isEmpty();
        assertThat(world.isSent()).isTrue();
        assertThat(Await.messages(tm2, 2, wait)).extracting(m -> m.content().get("data").asText())
                .containsExactly("hello", "world");
        SendAttempt nope = tm1.tryMessage("nonexistent", "nope");
        assertThat(nope.isSent()).isFalse();
        assertThat(nope.message()).isEmpty();
        assertThat(nope.error()).get().isInstanceOf(NoSuchPeerException.class)
                .extracting(Throwable::getMessage).asString().contains("nonexistent");
        assertThat(tm1.stats().sent()).containsOnlyKeys("tm2");
    }

    /** Non-blocking sends deliver (or queue and drain), and an unknown peer is an error: the outbox, not try_message. */
    @Test
    @ScenarioName("try_send")
    void trySend(@ClientName("ts1") Client ts1, @ClientName("ts2") Client ts2) {
        for (int i = 0; i < 2; i++) {
            if (ts1.trySend("ts2", "try " + i) == SendOutcome.QUEUED) {
                long deadline = System.nanoTime() + wait.toNanos();
                while (ts1.pendingSendsTo("ts2") > 0 && System.nanoTime() < deadline) {
                    ts1.drainPending();
                }
            }
        }
        assertThat(ts1.pendingSends()).as("sends still queued after draining").isZero();
        assertThat(Await.messages(ts2, 2, wait)).as("ts2's messages from the non-blocking sends").extracting(m -> m.content().asText()).containsExactly("try 0", "try 1");
        assertThatThrownBy(() -> ts1.trySend("nonexistent", "x")).as("a non-blocking send to an unknown peer").isInstanceOf(NoSuchPeerException.class)
                .hasMessageContaining("nonexistent");
    }

    /** Sending to a peer that never connected fails with the name, and nothing is stored. */
    @Test
    @ScenarioName("unknown_peer")
    void unknownPeer(@ClientName("a") Client a, @ClientName("b") Client b) {
        assertThatThrownBy(() -> a.send("nobody", "hello")).as("a send to a peer that never connected").isInstanceOf(NoSuchPeerException.class)
                .hasMessageContaining("nobody");
        assertThatThrownBy(() -> a.send("", "hello")).as("a send to the empty name").isInstanceOf(NoSuchPeerException.class);
        assertThat(a.stats().sent()).as("a's sent counts after the refused sends").isEmpty();
        assertThat(b.receive()).as("b's inbox after the refused sends").isEmpty();
    }

    /** Names that could escape or confuse a store are refused before anything is written. */
    @Test
    @ScenarioName("bad_names")
    void badNames(Store store, @ClientName("witness") Client witness) {
        for (String bad : List.of("", ".", "..", "../escape", "a/b", "_private", ".hidden", "x.pid", "bell\u0007")) {
            assertThatThrownBy(() -> store.connect(bad)).as("name %s", bad).isInstanceOf(InvalidNameException.class);
        }
        assertThat(witness.peers()).as("the peers the witness sees after the refused names").isEmpty();
    }

    /** A name already connected cannot be taken again. */
    @Test
    @ScenarioName("name_taken")
    void nameTaken(Store store, @ClientName("dup") Client dup) {
        assertThatThrownBy(() -> store.connect("dup")).as("connecting a second client named dup").isInstanceOf(NameTakenException.class).hasMessageContaining("dup");
        assertThat(dup.isDisconnected()).as("whether the first dup was disconnected by the attempt").isFalse();
    }

    /** Content that is null or cannot become JSON is refused and nothing is sent. */
    @Test
    @ScenarioName("unserializable_content")
    void unserializableContent(@ClientName("a") Client a, @ClientName("b") Client b) {
        assertThatThrownBy(() -> a.send("b", null)).as("sending null content").isInstanceOf(ContentException.class);
        assertThatThrownBy(() -> a.send("b", new Object())).as("sending content that cannot become JSON").isInstanceOf(ContentException.class)
                .hasMessageContaining("java.lang.Object");
        assertThat(a.stats().sent()).as("a's sent counts after the refused contents").isEmpty();
        assertThat(b.receive()).as("b's inbox after the refused contents").isEmpty();
    }

    /** On a protocol with a size limit, a message over it is refused whole and one under it goes through. */
    @Test
    @ScenarioName("oversized_message")
    void oversizedMessage(Capabilities caps, @ClientName("a") Client a, @ClientName("b") Client b) {
        assumeTrue(caps.maxMessageBytes() <= MAX_TESTED_LIMIT, "the protocol declares no message size limit up to 64 MiB");
        int limit = (int) caps.maxMessageBytes();
        assertThatThrownBy(() -> a.send("b", "x".repeat(limit + 1))).as("a message one byte over the limit").isInstanceOf(MessageTooLargeException.class)
                .hasMessageContaining(String.valueOf(limit));
        a.send("b", "y".repeat(limit / 2));
        assertThat(Await.messages(b, 1, wait)).as("the message of half the limit").singleElement().satisfies(m -> assertThat(m.content().asText()).hasSize(limit / 2));
        assertThat(a.stats().sent()).as("a's sent count to b: only the message that went through").containsEntry("b", 1L);
    }

    /** Requeued messages come back on the next receive, once, and are not counted twice. */
    @Test
    @ScenarioName("requeue")
    void requeue(@ClientName("a") Client a, @ClientName("b") Client b) {
        a.send("b", 1);
        a.send("b", 2);
        List<Message> first = Await.messages(b, 2, wait);
        assertThat(first).as("b's first receive").hasSize(2);
        b.requeue(first);
        List<Message> again = b.receive();
        assertThat(again).as("the ids received again after requeue").extracting(Message::id).containsExactlyElementsOf(first.stream().map(Message::id).toList());
        assertThat(b.receive()).as("b's inbox after the requeued messages came back").isEmpty();
        assertThat(b.stats().read()).as("b's read count from a: requeue does not count twice").containsEntry("a", 2L);
    }

    /**
     * A client of a protocol that declares {@link Capability#INTERRUPTIBLE_WAIT}: a wait another
     * thread is in ends on {@code wakeUp()} long before its deadline (or, when the wake-up came
     * first, the wait ends at once), a wake-up with no wait in progress ends the next wait at
     * once, and a message sent afterwards still reaches the wait after that. A service loop waits
     * in such a client itself and is woken so for signals and termination: a plugin that declares
     * it and does not wake would hold services up until their wait ran out.
     */
    @Test
    @ScenarioName("wake_up")
    @RequiresCapability(Capability.INTERRUPTIBLE_WAIT)
    void wakeUp(@ClientName("sleeper") Client sleeper, @ClientName("sender") Client sender) throws Exception {
        CompletableFuture<List<Message>> woken = waitOnAnotherThread(sleeper);
        assertThat(sleeper.wakeUp()).as("wakeUp() of a client whose protocol declares INTERRUPTIBLE_WAIT").isTrue();
        assertThat(endedWithin(woken, sender, "a wait in progress")).as("what the woken wait returned: nothing was sent")
                .isEmpty();

        assertThat(sleeper.wakeUp()).as("wakeUp() with no wait in progress").isTrue();
        assertThat(endedWithin(waitOnAnotherThread(sleeper), sender, "the wait after a wake-up that came first"))
                .as("the wait after a wake-up that came first").isEmpty();

        sender.send("sleeper", "after");
        assertThat(Await.messages(sleeper, 1, wait)).as("a message sent after the wake-ups")
                .extracting(Message::content).containsExactly(Json.toTree("after"));
    }

    /** An {@code awaitMessages} far longer than the scenario's wait, on a thread of its own. */
    private CompletableFuture<List<Message>> waitOnAnotherThread(Client sleeper) {
        Duration longWait = wait.multipliedBy(30);
        CompletableFuture<List<Message>> waiting = new CompletableFuture<>();
        Thread waiter = new Thread(() -> {
            try {
                waiting.complete(sleeper.awaitMessages(longWait));
            } catch (Throwable t) {
                waiting.completeExceptionally(t);
            }
        }, "conformance-wake-up");
        waiter.setDaemon(true);
        waiter.start();
        return waiting;
    }

    /** What the wait returned, if it ended within the scenario's wait; else a message ends it and the scenario fails. */
    private List<Message> endedWithin(CompletableFuture<List<Message>> waiting, Client sender, String which) throws Exception {
        try {
            return waiting.get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            sender.send("sleeper", "ends the wait that wakeUp() did not");
            waiting.get(wait.toMillis(), TimeUnit.MILLISECONDS);
            throw new AssertionError(which + " was still waiting " + wait + " after wakeUp() returned true", e);
        }
    }
}
