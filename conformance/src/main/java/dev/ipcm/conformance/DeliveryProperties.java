package dev.ipcm.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ipcm.Client;
import dev.ipcm.Message;
import dev.ipcm.Store;
import dev.ipcm.junit.IpcmConfiguration;
import dev.ipcm.junit.IpcmProperties;
import dev.ipcm.spi.Capabilities;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import org.apiguardian.api.API;

/**
 * Delivery properties over generated interleavings of 1-6 senders and 1-300 messages of 0 to
 * 64 KiB (cut to the protocol's limit): every receiver gets each sender's messages in send order,
 * nothing is lost or doubled, and a broadcast reaches every live peer exactly once.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
@IpcmProperties
@ScenarioGroup("delivery")
public class DeliveryProperties {
    /** One send: from sender {@code s<sender>} to receiver {@code r<receiver>}, or a broadcast. */
    record Op(int sender, int receiver, boolean broadcast, int size) {}

    /** Sends to one receiver at a time. */
    @Provide
    Arbitrary<List<Op>> directSends() {
        return ops(Arbitraries.just(false));
    }

    /** Sends and broadcasts mixed. */
    @Provide
    Arbitrary<List<Op>> mixedSends() {
        return ops(Arbitraries.frequency(net.jqwik.api.Tuple.of(4, false), net.jqwik.api.Tuple.of(1, true)));
    }

    private static Arbitrary<List<Op>> ops(Arbitrary<Boolean> broadcast) {
        return Combinators.combine(Arbitraries.integers().between(0, 5), Arbitraries.integers().between(0, 2), broadcast,
                Payloads.sizes()).as(Op::new).list().ofMinSize(1).ofMaxSize(300)
                // Short runs are common, long ones still appear: keeps 30 tries on every protocol affordable.
                .withSizeDistribution(RandomDistribution.biased());
    }

    /** Each receiver gets each sender's messages in the order they were sent. */
    @Property(tries = 20)
    @ScenarioName("per_sender_order")
    void perSenderOrder(@ForAll("directSends") List<Op> ops, Store store, Capabilities caps, IpcmConfiguration config) {
        Outcome o = run(ops, store, caps, config);
        o.expected.forEach((receiver, fromSenders) -> fromSenders.forEach((sender, seqs) ->
                assertThat(o.received.get(receiver).getOrDefault(sender, List.of()))
                        .as("%s's messages at %s", sender, receiver).containsExactlyElementsOf(seqs)));
    }

    /** With broadcasts mixed in: every message arrives exactly once, at the peers it was meant for, in order. */
    @Property(tries = 20)
    @ScenarioName("exactly_once")
    void exactlyOnce(@ForAll("mixedSends") List<Op> ops, Store store, Capabilities caps, IpcmConfiguration config) {
        Outcome o = run(ops, store, caps, config);
        assertThat(o.received).isEqualTo(o.expected);
    }

    private record Outcome(Map<String, Map<String, List<Integer>>> expected, Map<String, Map<String, List<Integer>>> received) {}

    private static Outcome run(List<Op> ops, Store store, Capabilities caps, IpcmConfiguration config) {
        int senders = ops.stream().mapToInt(Op::sender).max().orElse(0) + 1;
        int receivers = ops.stream().mapToInt(Op::receiver).max().orElse(0) + 1;
        Map<String, Client> clients = new TreeMap<>();
        for (int i = 0; i < senders; i++) {
            clients.put("s" + i, store.connect("s" + i));
        }
        for (int i = 0; i < receivers; i++) {
            clients.put("r" + i, store.connect("r" + i));
        }
        Map<String, Map<String, List<Integer>>> expected = new TreeMap<>();
        clients.keySet().forEach(n -> expected.put(n, new TreeMap<>()));
        Map<String, Integer> nextSeq = new HashMap<>();
        for (Op op : ops) {
            String sender = "s" + op.sender();
            int seq = nextSeq.merge(sender, 1, Integer::sum) - 1;
            Map<String, Object> content = Payloads.content(sender, seq, Payloads.fit(op.size(), caps));
            if (op.broadcast()) {
                clients.get(sender).broadcast(content);
                for (String peer : clients.keySet()) {
                    if (!peer.equals(sender)) {
                        expected.get(peer).computeIfAbsent(sender, k -> new ArrayList<>()).add(seq);
                    }
                }
            } else {
                String to = "r" + op.receiver();
                clients.get(sender).send(to, content);
                expected.get(to).computeIfAbsent(sender, k -> new ArrayList<>()).add(seq);
            }
        }
        expected.values().removeIf(Map::isEmpty);
        Map<String, Map<String, List<Integer>>> received = new TreeMap<>();
        for (Map.Entry<String, Client> e : clients.entrySet()) {
            int want = expected.getOrDefault(e.getKey(), Map.of()).values().stream().mapToInt(List::size).sum();
            List<Message> got = Await.messages(e.getValue(), want, config.awaitTimeout());
            for (Message m : got) {
                received.computeIfAbsent(e.getKey(), k -> new TreeMap<>())
                        .computeIfAbsent(m.content().get("s").asText(), k -> new ArrayList<>()).add(m.content().get("q").asInt());
            }
        }
        return new Outcome(expected, received);
    }
}
