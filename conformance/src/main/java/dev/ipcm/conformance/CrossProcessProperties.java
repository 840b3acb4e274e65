package dev.ipcm.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ipcm.Capabilities;
import dev.ipcm.Capability;
import dev.ipcm.Client;
import dev.ipcm.Message;
import dev.ipcm.Store;
import dev.ipcm.junit.ClientName;
import dev.ipcm.junit.IpcmConfiguration;
import dev.ipcm.junit.IpcmProperties;
import dev.ipcm.junit.RequiresCapability;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apiguardian.api.API;

/**
 * Per-sender order and no loss when the senders are other processes: 1-2 child JVMs each send a
 * generated list of messages to this JVM at the same time. The child JVMs start once per property
 * and serve every try ({@link SendingPeers}), so a try costs a connect and the sends, not a JVM start.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
@IpcmProperties
@RequiresCapability(Capability.CROSS_PROCESS)
@ScenarioGroup("cross-process")
public class CrossProcessProperties {
    /** Per child, the sizes of the messages it sends. */
    @Provide
    Arbitrary<List<List<Integer>>> childSends() {
        return PropertyPayloads.sizes().list().ofMaxSize(40).list().ofMinSize(1).ofMaxSize(2);
    }

    /** Messages from each child process arrive complete and in the order it sent them. */
    @Property(tries = 20)
    @ScenarioName("cross_process_order")
    void childSendersKeepOrder(@ForAll("childSends") List<List<Integer>> sends, Store store, Capabilities caps,
            @ClientName("receiver") Client receiver, IpcmConfiguration config) {
        Map<String, List<Integer>> received = new TreeMap<>();
        int total = sends.stream().mapToInt(List::size).sum();
        SendingPeers children = SendingPeers.ofThisProperty(config.awaitTimeout());
        try {
            for (int c = 0; c < sends.size(); c++) {
                String sizes = sends.get(c).stream().map(s -> String.valueOf(PropertyPayloads.fit(s, caps))).collect(Collectors.joining(","));
                children.send(c, store.info(), "c" + c, "receiver", sizes);
            }
            for (Message m : Await.messages(receiver, total, config.awaitTimeout())) {
                received.computeIfAbsent(m.from(), k -> new ArrayList<>()).add(m.content().get("seq").asInt());
            }
            for (int c = 0; c < sends.size(); c++) {
                children.leave(c);
            }
        } catch (RuntimeException | AssertionError e) {
            children.close(); // a child in an unknown state must not serve the next try
            throw e;
        }
        for (int c = 0; c < sends.size(); c++) {
            assertThat(received.getOrDefault("c" + c, List.of())).as("messages from child c%d", c)
                    .containsExactlyElementsOf(IntStream.range(0, sends.get(c).size()).boxed().toList());
        }
    }
}
