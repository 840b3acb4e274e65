package dev.ipcm.protocol.socket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ipcm.Client;
import dev.ipcm.Ipcm;
import dev.ipcm.Message;
import dev.ipcm.PeerGoneException;
import dev.ipcm.SpawnOptions;
import dev.ipcm.Store;
import dev.ipcm.internal.ChildJvm;
import dev.ipcm.os.Os;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The three kernel transports (AtomicPipe, UnixSocket, ConnectionUnix) between real processes:
 * many writers to one reader, writers and readers killed with SIGKILL.
 */
class KernelTransportsCrossProcessTest {
    /** Messages per writer in the many-writers test. */
    private static final int PER_WRITER = 5_000;
    private static final int WRITERS = 4;

    private final List<Process> children = new ArrayList<>();
    private Store store;

    @AfterEach
    void cleanUp() {
        children.forEach(Process::destroyForcibly);
        for (Process p : children) {
            try {
                p.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (store != null) {
            store.unspawn();
        }
    }

    private Store spawn(String protocol) {
        store = Ipcm.spawn(SpawnOptions.defaults().protocol(protocol).peerTimeout(Duration.ofSeconds(5)));
        return store;
    }

    /** Largest pad: 0-64 KiB for the stream transports, what fits one datagram for UnixSocket. */
    private static int maxPad(String protocol) {
        return protocol.equals("UnixSocket") ? 65_536 - 200 : 65_536;
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"AtomicPipe", "UnixSocket", "ConnectionUnix"})
    void fourWriterProcessesToOneReaderLoseNothingDoubleNothingAndKeepOrderPerWriter(String protocol) throws Exception {
        spawn(protocol);
        try (Client reader = store.connect("reader")) {
            for (int w = 0; w < WRITERS; w++) {
                start("writer", store.info(), "w" + w, "reader", Integer.toString(PER_WRITER),
                        Long.toString(1234L + w), Integer.toString(maxPad(protocol)));
            }
            Map<String, Integer> nextSeq = new HashMap<>();
            int total = 0;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(150);
            while (total < WRITERS * PER_WRITER && System.nanoTime() < deadline) {
                for (Message m : reader.awaitMessages(Duration.ofSeconds(1))) {
                    String w = m.content().get("w").asText();
                    int seq = m.content().get("seq").asInt();
                    assertThat(seq).as("order of writer %s", w).isEqualTo(nextSeq.getOrDefault(w, 0));
                    assertThat(m.content().get("pad").asText()).hasSize(m.content().get("len").asInt());
                    nextSeq.put(w, seq + 1);
                    total++;
                }
            }
            assertThat(total).isEqualTo(WRITERS * PER_WRITER);
            for (int w = 0; w < WRITERS; w++) {
                assertThat(nextSeq).containsEntry("w" + w, PER_WRITER);
                assertThat(reader.stats().read()).containsEntry("w" + w, (long) PER_WRITER);
            }
            for (Process p : children) {
                assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
                assertThat(p.exitValue()).isZero();
            }
            assertThat(reader.receive()).isEmpty();
            assertThat(reader.takeCorruptMessages()).isEmpty();
        }
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"AtomicPipe", "ConnectionUnix"})
    void aWriterKilledInTheMiddleOfAMessageLeavesEveryCompleteMessageDeliverable(String protocol) throws Exception {
        spawn(protocol);
        try (Client reader = store.connect("reader"); Client alice = store.connect("alice")) {
            Process victim = start("bigwriter", store.info(), "victim", "reader", "3", Integer.toString(50_000_000));
            BlockingQueue<String> lines = lines(victim);
            assertThat(lines.poll(60, TimeUnit.SECONDS)).isEqualTo("SENDING");
            // Wait until part of the big message is here; the reader never takes it all, so it stays partial.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!reader.hasPendingMessages() && System.nanoTime() < deadline) {
                reader.awaitMessages(Duration.ofMillis(1)).forEach(m -> { });
            }
            alice.send("reader", Map.of("w", "alice", "seq", 0));
            Os.get().kill(victim.pid(), "KILL");
            assertThat(victim.waitFor(30, TimeUnit.SECONDS)).isTrue();
            alice.send("reader", Map.of("w", "alice", "seq", 1));
            List<Message> got = new ArrayList<>();
            deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (got.size() < 5 && System.nanoTime() < deadline) {
                got.addAll(reader.awaitMessages(Duration.ofMillis(200)));
            }
            assertThat(got).extracting(m -> m.content().get("w").asText() + ":" + m.content().get("seq").asInt())
                    .containsExactlyInAnyOrder("victim:0", "victim:1", "victim:2", "alice:0", "alice:1");
            assertThat(got).noneMatch(m -> m.content().has("big"));
            reader.peerLeft();
            assertThat(reader.hasPendingMessages()).isFalse();
            assertThat(reader.peerExists("victim")).isFalse();
            alice.send("reader", Map.of("w", "alice", "seq", 2));
            assertThat(reader.awaitMessages(Duration.ofSeconds(10))).hasSize(1);
        }
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"AtomicPipe", "UnixSocket", "ConnectionUnix"})
    void aReceiverKilledWithSigkillGivesSendersAClearErrorNotAHang(String protocol) throws Exception {
        spawn(protocol);
        try (Client alice = store.connect("alice"); Client fresh = store.connect("fresh")) {
            Process victim = start("receiver", store.info(), "victim");
            assertThat(lines(victim).poll(60, TimeUnit.SECONDS)).isEqualTo("READY");
            alice.send("victim", Map.of("n", 1)); // caches a writer / connection
            Os.get().kill(victim.pid(), "KILL");
            assertThat(victim.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(alice.peerExists("victim")).isTrue();
            assertThat(alice.peers()).doesNotContain("victim");
            assertThatThrownBy(() -> alice.send("victim", Map.of("n", 2)))
                    .isInstanceOf(PeerGoneException.class)
                    .hasMessageContaining("'victim'")
                    .hasMessageContaining("not running");
            assertThatThrownBy(() -> fresh.send("victim", Map.of("n", 2)))
                    .isInstanceOf(PeerGoneException.class)
                    .hasMessageContaining("not running");
            assertThatThrownBy(() -> fresh.trySend("victim", Map.of("n", 3))).isInstanceOf(PeerGoneException.class);
            assertThat(alice.peerLeft()).isEqualTo(1);
            assertThat(alice.peerExists("victim")).isFalse();
        }
    }

    private Process start(String... args) throws IOException {
        Process p = ChildJvm.of(KernelChild.class).args(args).quickStart().start();
        children.add(p);
        return p;
    }

    /** The child's output lines, read on a thread of their own so waits can have deadlines. */
    private static BlockingQueue<String> lines(Process p) {
        BlockingQueue<String> q = new LinkedBlockingQueue<>();
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    q.add(line);
                }
            } catch (IOException ignored) {
                // The child is gone; the test's own deadline reports it.
            }
        }, "child-output-" + p.pid());
        t.setDaemon(true);
        t.start();
        return q;
    }
}
