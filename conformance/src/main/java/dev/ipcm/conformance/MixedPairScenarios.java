package dev.ipcm.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ipcm.Capability;
import dev.ipcm.Client;
import dev.ipcm.ConnectionInfo;
import dev.ipcm.Ipcm;
import dev.ipcm.Message;
import dev.ipcm.Store;
import dev.ipcm.UnknownProtocolException;
import dev.ipcm.junit.ClientName;
import dev.ipcm.junit.IpcmConfiguration;
import dev.ipcm.junit.IpcmTest;
import dev.ipcm.junit.RequiresCapability;
import dev.ipcm.spi.Protocol;
import dev.ipcm.spi.Protocols;
import dev.ipcm.spi.Stores;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Mixed pairs: one client of the implementation under test and one of ipcm's own protocol of
 * the same reference name, joined to the same store by its info string (docs/driver-protocol.md).
 * Certifying the Perl reference through its driver, these are Java and Perl peers on one store,
 * each way: what docs/interop.md records by hand, as scenarios. Only a protocol that declares
 * {@link Capability#MIXED_PAIRS} runs them: on ipcm's own protocols both clients would be one
 * implementation.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
@IpcmTest
@RequiresCapability(Capability.MIXED_PAIRS)
@ScenarioGroup("mixed-pairs")
public class MixedPairScenarios {
    private static final List<JsonNode> CONTENTS = List.of(
            FidelityContents.NODES.objectNode().put("text", "h\u00e9llo \u4e16\u754c \uD83D\uDE00").put("n", 42),
            FidelityContents.NODES.textNode("plain"),
            FidelityContents.NODES.arrayNode().add(1).add(true).addNull().add(FidelityContents.NODES.objectNode().put("deep", "x")),
            FidelityContents.NODES.numberNode(-12345));

    private final Duration wait;

    /** Created by Jupiter with the harness settings. */
    public MixedPairScenarios(IpcmConfiguration config) {
        this.wait = config.awaitTimeout();
    }

    /** What the implementation's client sends, ipcm's client receives exactly, and the reverse. */
    @Test
    @ScenarioName("messages_both_ways")
    void messagesBothWays(Store store, @ClientName("foreign") Client foreign) {
        try (Client own = ownClient(store, "own")) {
            for (JsonNode content : CONTENTS) {
                foreign.send("own", content);
                own.send("foreign", content);
            }
            assertArrived(Await.messages(own, CONTENTS.size(), wait), "foreign", "own");
            assertArrived(Await.messages(foreign, CONTENTS.size(), wait), "own", "foreign");
        }
    }

    /** A broadcast from either side reaches the other. */
    @Test
    @ScenarioName("broadcast_both_ways")
    void broadcastBothWays(Store store, @ClientName("foreign") Client foreign) {
        try (Client own = ownClient(store, "own")) {
            foreign.broadcast(Map.of("from", "foreign"));
            own.broadcast(Map.of("from", "own"));
            List<Message> atOwn = Await.messages(own, 1, wait);
            List<Message> atForeign = Await.messages(foreign, 1, wait);
            assertThat(atOwn).as("what ipcm's client got of the broadcast").singleElement()
                    .satisfies(m -> assertThat(m.from()).as("its sender").isEqualTo("foreign"));
            assertThat(atForeign).as("what the implementation's client got of the broadcast").singleElement()
                    .satisfies(m -> assertThat(m.from()).as("its sender").isEqualTo("own"));
        }
    }

    /** Each side lists the other as a peer with the pid of the process that connected it, and sees it leave. */
    @Test
    @ScenarioName("peers_both_ways")
    void peersBothWays(Store store, @ClientName("foreign") Client foreign) {
        Client own = ownClient(store, "own");
        try {
            assertThat(foreign.peers()).as("the peers the implementation's client sees").containsExactly("own");
            assertThat(own.peers()).as("the peers ipcm's client sees").containsExactly("foreign");
            assertThat(foreign.peerPid("own")).as("ipcm's client's pid as the implementation sees it").hasValue(own.pid());
            assertThat(own.peerPid("foreign")).as("the implementation's client's pid as ipcm sees it").hasValue(foreign.pid());
            assertThat(foreign.peerActive("own")).as("whether the implementation sees ipcm's client active").isTrue();
            assertThat(own.peerActive("foreign")).as("whether ipcm sees the implementation's client active").isTrue();
        } finally {
            own.disconnect();
        }
        assertThat(Await.peers(foreign, () -> foreign.peers().isEmpty(), wait))
                .as("the implementation's client's peers after ipcm's left").isTrue();
    }

    /** ipcm's client, connected by the store's info string; aborted when that is the protocol under test, which declared MIXED_PAIRS wrongly. */
    private static Client ownClient(Store store, String name) {
        Protocol underTest = Stores.protocol(store);
        String reference = ConnectionInfo.parse(store.info()).protocol();
        Protocol own;
        try {
            own = Protocols.byName(reference);
        } catch (UnknownProtocolException e) {
            return Assumptions.abort("ipcm has no protocol named " + reference + " to pair " + underTest.name() + " with");
        }
        Assumptions.assumeFalse(own.getClass() == underTest.getClass(), () -> underTest.name()
                + " is ipcm's own implementation of " + own.referenceName() + ": a mixed pair needs another one (a driver's)");
        return Ipcm.connect(name, store.info());
    }

    private static void assertArrived(List<Message> got, String from, String to) {
        assertThat(got).as("messages from %s to %s", from, to).hasSize(CONTENTS.size());
        for (int i = 0; i < CONTENTS.size(); i++) {
            Message m = got.get(i);
            assertThat(m.from()).as("message %d from %s: its sender", i, from).isEqualTo(from);
            assertThat(m.to()).as("message %d from %s: its recipient", i, from).hasValue(to);
            assertThat(m.content()).as("message %d from %s: its content", i, from).isEqualTo(CONTENTS.get(i));
        }
    }
}
