package dev.ipcm.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ipcm.Client;
import dev.ipcm.Ipcm;
import dev.ipcm.Message;
import dev.ipcm.SpawnOptions;
import dev.ipcm.Store;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Scaling runs: throughput and p99 as concurrent senders grow (one receiver here, the senders in
 * one child JVM), and as idle peers crowd the store (one active pair, measured as usual).
 */
final class ScalingBench {
    private static final Duration STEP = Duration.ofMillis(500);

    private ScalingBench() {}

    /** Counts of one scaling point; the totals are split among the senders. */
    record Counts(int warmupPerSender, int totalRoundTrips, int totalMessages, long intervalNanos, long timeoutNanos) {}

    static ScalingPoint senders(String protocol, Map<String, String> spawnParams, int senders, int size, Counts counts,
            Consumer<String> progress) {
        int roundTrips = Math.max(1, counts.totalRoundTrips() / senders);
        int messages = Math.max(1, counts.totalMessages() / senders);
        String what = protocol + " " + senders + " senders";
        progress.accept(what + ": " + roundTrips + " round trips and " + messages + " messages each, " + size + " B");
        long deadline = System.nanoTime() + counts.timeoutNanos();
        SpawnOptions options = SpawnOptions.defaults().protocol(protocol).peerTimeout(Duration.ofSeconds(10));
        spawnParams.forEach(options::param);
        try (Store store = Ipcm.spawn(options)) {
            Client receiver = store.connect("parent");
            try (ChildPeer child = ChildPeer.start(ScalingPeerMain.class, List.of(store.info(), Integer.toString(senders),
                    Integer.toString(counts.warmupPerSender()), Integer.toString(roundTrips),
                    Long.toString(counts.intervalNanos()), Integer.toString(messages), Integer.toString(size)),
                    new IpcmTransport(protocol, spawnParams).childEnvironment())) {
                child.expect("READY", deadline);
                JsonNode content = Payloads.content(size);
                int echoes = senders * (counts.warmupPerSender() + roundTrips);
                for (int echoed = 0; echoed < echoes; ) {
                    for (Message m : receive(receiver, deadline)) {
                        receiver.send(m.from(), content);
                        echoed++;
                    }
                }
                Latency latency = LatencyLine.parse(child.expect(LatencyLine.WORD, deadline));
                long start = Long.parseLong(child.expect("START", deadline));
                long last = start;
                for (int got = 0; got < senders * messages; ) {
                    got += receive(receiver, deadline).size();
                    last = System.nanoTime();
                }
                return new ScalingPoint(protocol, "senders", senders, size, latency,
                        new Throughput(senders * messages, size, last - start), null);
            } finally {
                receiver.disconnect(leftovers -> { });
            }
        } catch (Exception | LinkageError e) {
            String why = e.getMessage() == null ? e.toString() : e.getMessage();
            progress.accept(what + ": FAILED: " + why);
            return new ScalingPoint(protocol, "senders", senders, size, null, null, why);
        }
    }

    private static List<Message> receive(Client receiver, long deadline) {
        if (System.nanoTime() - deadline > 0) {
            throw new BenchException("the scaling run did not finish within its session timeout");
        }
        return receiver.awaitMessages(STEP);
    }

    static ScalingPoint peers(String protocol, Map<String, String> spawnParams, int peers, int size, Counts counts,
            Consumer<String> progress) {
        progress.accept(protocol + " with " + peers + " peers on the store (" + (peers - 2) + " idle)");
        PairRun.Counts pair = new PairRun.Counts(counts.warmupPerSender(), counts.totalRoundTrips(),
                StreamCounts.warmupFor(counts.totalMessages()), counts.totalMessages(), counts.intervalNanos());
        Measurement m = PairRun.measure(new IpcmTransport(protocol, spawnParams), size, pair, counts.timeoutNanos(),
                Math.max(0, peers - 2), progress);
        return new ScalingPoint(protocol, "peers", peers, size, m.latency(), m.throughput(), m.failure());
    }
}
