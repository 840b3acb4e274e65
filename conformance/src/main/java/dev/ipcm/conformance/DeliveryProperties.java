package dev.ipcm.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ipcm.Capabilities;
import dev.ipcm.Client;
import dev.ipcm.Message;
import dev.ipcm.Store;
import dev.ipcm.junit.IpcmConfiguration;
import dev.ipcm.junit.IpcmProperties;
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
                PropertyPayloads.sizes()).as(Op::new).list().ofMinSize(1).ofMaxSize(300)
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
        // One receiver and sender at a time, so a failure names the pair and its sequence numbers, not two whole maps.
        assertThat(o.received.keySet()).as("receivers that got anything").isSubsetOf(o.expected.keySet());
        o.expected.forEach((receiver, fromSenders) -> {
            Map<String, List<Integer>> got = o.received.getOrDefault(receiver, Map.of());
            assertThat(got.keySet()).as("senders heard by %s", receiver).isEqualTo(fromSenders.keySet());
            fromSenders.forEach((sender, seqs) -> assertThat(got.get(sender))
                    .as("sequence numbers from %s at %s, each exactly once and in order", sender, receiver)
                    .containsExactlyElementsOf(seqs));
        });
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
        Map<String, Map<String, List<Integer>>> expected = expect(ops, clients.keySet());
        // Receivers read while the senders send, as real peers do: a transport with a bounded
        // buffer (a socket) blocks a sender until its receiver reads.
        Collectors collectors = new Collectors(clients, expected, config.awaitTimeout());
        try {
            Map<String, Integer> nextSeq = new HashMap<>();
            for (Op op : ops) {
                String sender = "s" + op.sender();
                int seq = nextSeq.merge(sender, 1, Integer::sum) - 1;
                Map<String, Object> content = PropertyPayloads.content(sender, seq, PropertyPayloads.fit(op.size(), caps));
                if (op.broadcast()) {
                    clients.get(sender).broadcast(content);
                } else {
                    clients.get(sender).send("r" + op.receiver(), content);
                }
            }
        } finally {
            collectors.sendingDone();
        }
        return new Outcome(expected, collectors.await());
    }

    /** Who should get what: receiver to sender to sequence numbers, in send order. */
    private static Map<String, Map<String, List<Integer>>> expect(List<Op> ops, java.util.Set<String> clients) {
        Map<String, Map<String, List<Integer>>> expected = new TreeMap<>();
        Map<String, Integer> nextSeq = new HashMap<>();
        for (Op op : ops) {
            String sender = "s" + op.sender();
            int seq = nextSeq.merge(sender, 1, Integer::sum) - 1;
            List<String> to = op.broadcast() ? clients.stream().filter(c -> !c.equals(sender)).toList() : List.of("r" + op.receiver());
            for (String peer : to) {
                expected.computeIfAbsent(peer, k -> new TreeMap<>()).computeIfAbsent(sender, k -> new ArrayList<>()).add(seq);
            }
        }
        return expected;
    }

    /** One reading thread per client, each collecting what that client is expected to get. */
    private static final class Collectors {
        private final Map<String, Map<String, List<Integer>>> received = new java.util.concurrent.ConcurrentHashMap<>();
        private final List<Thread> threads = new ArrayList<>();
        private final java.util.concurrent.CountDownLatch sent = new java.util.concurrent.CountDownLatch(1);
        private final java.time.Duration quiet;

        Collectors(Map<String, Client> clients, Map<String, Map<String, List<Integer>>> expected, java.time.Duration quiet) {
            this.quiet = quiet;
            clients.forEach((name, client) -> {
                int want = expected.getOrDefault(name, Map.of()).values().stream().mapToInt(List::size).sum();
                Thread t = new Thread(() -> collect(name, client, want), "ipcm-collect-" + name);
                t.setDaemon(true);
                threads.add(t);
                t.start();
            });
        }

        private void collect(String name, Client client, int want) {
            Map<String, List<Integer>> mine = new TreeMap<>();
            int count = 0;
            long quietDeadline = Long.MAX_VALUE;
            while (count < want) {
                if (sent.getCount() == 0 && quietDeadline == Long.MAX_VALUE) {
                    quietDeadline = System.nanoTime() + quiet.toNanos();
                }
                if (System.nanoTime() > quietDeadline) {
                    break; // everything was sent and nothing more arrived in time: the check reports what is missing
                }
                for (Message m : client.awaitMessages(java.time.Duration.ofMillis(200))) {
                    mine.computeIfAbsent(m.content().get("s").asText(), k -> new ArrayList<>()).add(m.content().get("q").asInt());
                    count++;
                }
            }
            if (!mine.isEmpty()) {
                received.put(name, mine);
            }
        }

        void sendingDone() {
            sent.countDown();
        }

        Map<String, Map<String, List<Integer>>> await() {
            for (Thread t : threads) {
                try {
                    t.join(quiet.toMillis() * 2 + 1000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            return new TreeMap<>(received);
        }
    }
}
