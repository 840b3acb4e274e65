package dev.ipcm.crash;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ipcm.Client;
import dev.ipcm.Ipcm;
import dev.ipcm.Message;
import dev.ipcm.SpawnOptions;
import dev.ipcm.Store;
import dev.ipcm.protocol.fs.CrashWriter;
import dev.ipcm.spi.Protocols;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The crash matrix (docs/delivery.md): each store that keeps mail × the process killed with
 * SIGKILL (sender, or receiver in each receive mode) × {@code ipcm.crash.trials} kills (2 in every
 * build; {@code -Dipcm.crash.trials=200} for the full run; {@code -Dipcm.crash.stores=SQLite,JSONFile}
 * and {@code -Dipcm.crash.victims=receiver-ack} narrow it). Every row of the delivery-guarantee
 * table is checked: no store destroyed, nothing torn, no acknowledged send lost; receivers in
 * at-least-once mode lose nothing (duplicates allowed), receivers in the default mode see nothing
 * twice. When messages are missing it also says which of them are still stored, which tells a
 * message the store lost from one a receiver never reported.
 */
class CrashMatrixTest {
    private static final int TRIALS = Integer.getInteger("ipcm.crash.trials", 2);
    private static final int BATCH = 20;
    private static final String PAD = "x".repeat(512);

    static Stream<Arguments> cells() {
        List<Arguments> out = new ArrayList<>();
        String stores = System.getProperty("ipcm.crash.stores", "MessageFiles,JSONFile,SQLite,PostgreSQL,MariaDB,MySQL");
        for (String store : stores.split(",")) {
            for (String victim : System.getProperty("ipcm.crash.victims", "sender,receiver-plain,receiver-ack").split(",")) {
                out.add(Arguments.of(store, victim));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}, {1} killed")
    @MethodSource("cells")
    void killedProcessesDestroyNothingAndLoseNoAcknowledgedMail(String protocol, String victim) throws Exception {
        var availability = Protocols.byName(protocol).availability();
        Assumptions.assumeTrue(availability.isAvailable(), () -> protocol + " is not available here: " + availability);
        long seed = System.nanoTime();
        Store store = Ipcm.spawn(SpawnOptions.defaults().protocol(protocol).serializer("JSON").guard(false));
        try {
            CrashTally tally = victim.equals("sender") ? killSenders(protocol, store, new Random(seed))
                    : killReceivers(protocol, store, victim.endsWith("ack"), new Random(seed));
            System.out.println("crash matrix: " + tally.line() + " (seed " + seed + ")");
            assertThat(tally.destroyed()).as("stores destroyed").isZero();
            assertThat(tally.torn()).as("torn messages").isZero();
            assertThat(tally.ackedLost()).as("acknowledged messages lost").isZero();
            if (victim.equals("receiver-plain")) {
                assertThat(tally.duplicates()).as("duplicates in the default (at most once) mode").isZero();
            }
        } finally {
            store.unspawn();
        }
    }

    /** Writers killed at random points; the last ACK of each is the last acknowledged send. */
    private static CrashTally killSenders(String protocol, Store store, Random random) throws Exception {
        Map<String, Integer> acked = new HashMap<>();
        int destroyed = 0;
        try (Client rx = store.connect("rx")) {
            for (int t = 0; t < TRIALS; t++) {
                String writer = "w" + t;
                try (ChildLines child = ChildLines.start(CrashWriter.class, store.info(), writer, "rx")) {
                    if (!child.await(l -> l.stream().anyMatch(s -> s.startsWith("ACK ")), 60)) {
                        destroyed++;
                    }
                    Thread.sleep(random.nextInt(200));
                    int last = -1;
                    for (String line : child.kill()) {
                        if (line.startsWith("ACK ")) {
                            last = Integer.parseInt(line.substring(4));
                        }
                    }
                    acked.put(writer, last);
                }
            }
            Map<String, List<Message>> got = new HashMap<>();
            List<Message> batch;
            while (!(batch = rx.awaitMessages(Duration.ofSeconds(3))).isEmpty()) {
                batch.forEach(m -> got.computeIfAbsent(m.from(), k -> new ArrayList<>()).add(m));
            }
            int lost = 0;
            int torn = 0;
            int dups = 0;
            for (Map.Entry<String, Integer> e : acked.entrySet()) {
                Set<Integer> seen = new HashSet<>();
                for (Message m : got.getOrDefault(e.getKey(), List.of())) {
                    if (!m.content().path("pad").asText().equals(PAD)) {
                        torn++;
                    }
                    if (!seen.add(m.content().path("n").asInt())) {
                        dups++;
                    }
                }
                for (int n = 0; n <= e.getValue(); n++) {
                    if (!seen.contains(n)) {
                        lost++;
                    }
                }
            }
            return new CrashTally(protocol + ", sender killed", TRIALS, destroyed, lost, torn, dups, 0);
        }
    }

    /** Receivers killed while batches arrive; a last one, left running, collects what waited. */
    private static CrashTally killReceivers(String protocol, Store store, boolean ack, Random random) throws Exception {
        String mode = ack ? "ack" : "plain";
        Map<String, Integer> sent = new HashMap<>();
        List<String> gotLines = new ArrayList<>();
        int destroyed = 0;
        try (Client tx = store.connect("tx")) {
            for (int t = 0; t <= TRIALS; t++) {
                try (ChildLines child = ChildLines.start(CrashReceiver.class, store.info(), "rx", mode)) {
                    if (!child.await(l -> l.contains("READY"), 60)) {
                        destroyed++;
                        continue;
                    }
                    if (t < TRIALS) {
                        for (int i = 0; i < BATCH; i++) {
                            int n = sent.size();
                            sent.put(tx.send("rx", Map.of("n", n, "pad", PAD)).id().toLowerCase(Locale.ROOT), n);
                        }
                        Thread.sleep(random.nextInt(150));
                    } else {
                        // One sender's messages arrive in order: once the last one is in, everything before it is settled.
                        String last = tx.send("rx", Map.of("n", -1, "pad", PAD)).id().toLowerCase(Locale.ROOT);
                        child.await(l -> received(l).contains(last), 60);
                    }
                    gotLines.addAll(child.kill());
                }
            }
        }
        int torn = 0;
        int dups = 0;
        Set<String> seen = new HashSet<>();
        for (String line : gotLines) {
            if (line.startsWith("GOT ")) {
                String[] f = line.split(" ");
                if (f[2].equals("-1")) {
                    continue; // the end marker
                }
                Integer n = sent.get(f[1].toLowerCase(Locale.ROOT));
                if (n == null || n != Integer.parseInt(f[2]) || Integer.parseInt(f[3]) != PAD.length()) {
                    torn++;
                }
                if (!seen.add(f[1].toLowerCase(Locale.ROOT))) {
                    dups++;
                }
            }
        }
        List<Integer> lostNs = sent.entrySet().stream().filter(e -> !seen.contains(e.getKey())).map(Map.Entry::getValue)
                .sorted().toList();
        int lost = lostNs.size();
        if (lost > 0) {
            System.out.println("crash matrix: " + protocol + " (" + mode + ") lost message numbers " + lostNs);
            System.out.println("crash matrix: still stored for rx: " + storedFor(store, sent));
        }
        String cell = protocol + ", receiver killed (" + mode + ")";
        // Every send here returned, so each one was acknowledged to its sender; only at-least-once promises them all.
        return new CrashTally(cell, TRIALS, destroyed, ack ? lost : 0, torn, dups, ack ? 0 : lost);
    }

    /** The numbers of the messages still stored for rx, read by a client taking rx over and then acknowledged. */
    private static List<Integer> storedFor(Store store, Map<String, Integer> sent) {
        if (!store.capabilities().has(dev.ipcm.Capability.KEEPS_MAIL)) {
            return List.of();
        }
        try (Client rx = store.connect("rx")) {
            List<Message> left = rx.receiveUnacknowledged();
            rx.acknowledge(left.stream().map(Message::id).toList());
            return left.stream().map(m -> sent.get(m.id().toLowerCase(Locale.ROOT))).filter(java.util.Objects::nonNull).sorted().toList();
        }
    }

    private static Set<String> received(List<String> lines) {
        Set<String> ids = new HashSet<>();
        for (String line : lines) {
            if (line.startsWith("GOT ")) {
                ids.add(line.split(" ")[1].toLowerCase(Locale.ROOT));
            }
        }
        return ids;
    }
}
