package dev.ipcm.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ipcm.Capability;
import dev.ipcm.Client;
import dev.ipcm.ContentException;
import dev.ipcm.Ipcm;
import dev.ipcm.Message;
import dev.ipcm.NameTakenException;
import dev.ipcm.NotSupportedException;
import dev.ipcm.SpawnOptions;
import dev.ipcm.Store;
import dev.ipcm.StoreGoneException;
import dev.ipcm.junit.ClientName;
import dev.ipcm.junit.IpcmConfiguration;
import dev.ipcm.junit.IpcmTest;
import dev.ipcm.junit.RequiresCapability;
import dev.ipcm.spi.Protocol;
import dev.ipcm.spi.Protocols;
import dev.ipcm.spi.Stores;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apiguardian.api.API;
import org.junit.jupiter.api.Test;

/**
 * One error per situation: the same mistake or accident raises the same exception type on every
 * protocol, so an application handles it once. The rules are those of docs/conformance.md,
 * "The client contract", section "One error per situation".
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
@IpcmTest
@ScenarioGroup("errors")
public class ErrorScenarios {
    private final Duration wait;

    /** Created by Jupiter with the harness settings. */
    public ErrorScenarios(IpcmConfiguration config) {
        this.wait = config.awaitTimeout();
    }

    /**
     * A store destroyed under its clients is a {@link StoreGoneException} naming it for receive and
     * for send. A send over a connection opened before may still go through until the client
     * notices (docs/conformance.md), so sends are retried until the deadline. A disconnect
     * afterwards returns quietly (there is nothing left to leave) and must not create the store
     * again, say by saving its counts where the store was.
     */
    @Test
    @ScenarioName("store_deleted")
    void storeDeleted(Store store, @ClientName("a") Client a, @ClientName("b") Client b) {
        a.send("b", "before");
        assertThat(Await.messages(b, 1, wait)).as("b's message before the store was deleted").hasSize(1);
        b.send("a", "back"); // a connection both ways, where the protocol has them
        assertThat(Await.messages(a, 1, wait)).as("a's message before the store was deleted").hasSize(1);
        store.unspawn();
        assertThatThrownBy(b::receive).as("a receive on a deleted store").isInstanceOf(StoreGoneException.class);
        assertThat(StoreGone.onSend(a, "b", wait)).as("what a send to a deleted store threw before the deadline")
                .isInstanceOf(StoreGoneException.class);
        assertThatCode(() -> a.disconnect(late -> {})).as("a's disconnect from the deleted store").doesNotThrowAnyException();
        assertThatCode(() -> b.disconnect(late -> {})).as("b's disconnect from the deleted store").doesNotThrowAnyException();
        assertThatThrownBy(() -> Ipcm.connect("late", store.info()).disconnect())
                .as("a connect after the clients of a deleted store disconnected: they must not bring it back")
                .isInstanceOf(StoreGoneException.class);
    }

    /**
     * Suspending a client of a destroyed store is a {@link StoreGoneException}, with a deadline
     * or without: there is no mailbox left to keep for a reconnect, and saying nothing would let
     * the application count on one. Neither suspend brings the store back.
     */
    @Test
    @ScenarioName("store_deleted_suspend")
    @RequiresCapability(Capability.SUSPEND)
    void storeDeletedSuspend(Store store, @ClientName("a") Client a, @ClientName("b") Client b) {
        store.unspawn();
        assertThatThrownBy(a::suspend).as("a suspend without a deadline on a deleted store")
                .isInstanceOf(StoreGoneException.class);
        assertThatThrownBy(() -> b.suspend(Instant.now().plusSeconds(60))).as("a suspend with a deadline on a deleted store")
                .isInstanceOf(StoreGoneException.class);
        assertThatThrownBy(() -> Ipcm.connect("late", store.info()).disconnect())
                .as("a connect after the suspends on a deleted store: they must not bring it back")
                .isInstanceOf(StoreGoneException.class);
    }

    /** A message id sent twice, to the same peer or another, is refused with {@link ContentException} and arrives once. */
    @Test
    @ScenarioName("duplicate_id")
    void duplicateId(@ClientName("a") Client a, @ClientName("b") Client b, @ClientName("c") Client c) {
        Message once = a.send("b", "once");
        assertThatThrownBy(() -> a.send(once)).as("the same message sent again").isInstanceOf(ContentException.class)
                .hasMessageContaining(once.id());
        Message sameIdToC = Message.builder("a").to("c").id(once.id()).content("same id, other peer").build();
        assertThatThrownBy(() -> a.send(sameIdToC)).as("its id sent to another peer").isInstanceOf(ContentException.class)
                .hasMessageContaining(once.id());
        assertThat(Await.messages(b, 1, wait)).as("b's messages: the first send only").extracting(m -> m.content().asText())
                .containsExactly("once");
        assertThat(c.receive()).as("c's messages: none, its send was refused").isEmpty();
    }

    /**
     * A message id the store cannot keep (not a UUID, or shaped like a path) is refused with
     * {@link ContentException} before anything is stored; a store that can keep it delivers it
     * unchanged. Any other outcome (another exception, a send that succeeds but never arrives) fails.
     */
    @Test
    @ScenarioName("bad_id")
    void badId(@ClientName("a") Client a, @ClientName("b") Client b) {
        for (String id : List.of("not-a-uuid", "../escape", "x/../../escape")) {
            Message bad = Message.builder("a").to("b").id(id).content(Map.of("id", id)).build();
            boolean refused;
            try {
                a.send(bad);
                refused = false;
            } catch (ContentException e) {
                assertThat(e.getMessage()).as("the refusal of id '%s' names it", id).contains(id);
                refused = true;
            }
            a.send("b", Map.of("after", id));
            List<Message> got = Await.messages(b, refused ? 1 : 2, wait);
            List<String> expected = refused ? List.of("{\"after\":\"" + id + "\"}")
                    : List.of("{\"id\":\"" + id + "\"}", "{\"after\":\"" + id + "\"}");
            assertThat(got).as("b's messages after a send with id '%s' (refused: %s)", id, refused)
                    .extracting(m -> m.content().toString()).containsExactlyElementsOf(expected);
            if (!refused) {
                assertThat(got.get(0).id()).as("the id delivered").isEqualToIgnoringCase(id);
            }
        }
    }

    /**
     * A spawn parameter the protocol does not know is refused with {@link NotSupportedException}
     * naming it and every known one, before anything is created. Skipped for a protocol that does
     * not declare its parameters ({@code Protocol.spawnParameters()} is empty), since nothing can check them.
     */
    @Test
    @ScenarioName("unknown_spawn_parameter")
    void unknownSpawnParameter(Store store) {
        Protocol protocol = Stores.protocol(store);
        Set<String> known = protocol.spawnParameters().orElse(Set.of());
        assumeTrue(protocol.spawnParameters().isPresent(),
                protocol.name() + " does not declare its spawn parameters (Protocol.spawnParameters() is empty)");
        SpawnOptions misspelt = SpawnOptions.defaults().protocol(spawnName(protocol)).param("no-such-parameter", "1");
        assertThatThrownBy(() -> Ipcm.spawn(misspelt).unspawn()).as("a spawn with an unknown parameter")
                .isInstanceOf(NotSupportedException.class)
                .hasMessageContaining("no-such-parameter").hasMessageContaining(protocol.name())
                .satisfies(e -> assertThat(e.getMessage()).as("the known parameters it names").contains(known));
    }

    /** A name that finds this very protocol again: its own name if registered under it, else {@code +} and its class. */
    private static String spawnName(Protocol protocol) {
        Protocol registered = Protocols.all().get(protocol.name());
        return registered != null && registered.getClass() == protocol.getClass() ? protocol.name()
                : "+" + protocol.getClass().getName();
    }

    /** Reconnecting a client that is still connected is {@link NameTakenException}, and the live client stays usable. */
    @Test
    @ScenarioName("reconnect_live_client")
    void reconnectLiveClient(Store store, @ClientName("a") Client a) {
        assertThatThrownBy(() -> store.reconnect("a")).as("a reconnect under the name of a connected client")
                .isInstanceOf(NameTakenException.class).hasMessageContaining("'a'");
        assertThat(a.isDisconnected()).as("whether the live client stayed connected").isFalse();
        a.send("a", "still here");
        assertThat(Await.messages(a, 1, wait)).as("the live client's message to itself").hasSize(1);
    }
}
