package dev.ipcm.protocol.db;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ipcm.Client;
import dev.ipcm.Message;
import dev.ipcm.Store;
import dev.ipcm.internal.ChildJvm;
import dev.ipcm.os.Os;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/** Exchanges between child JVMs and this one over a store, mixed into each target's test class. */
interface CrossProcessTests {
    int WRITERS = 4;

    Store store();

    DbTargets target();

    /** Messages per writer; 2,000 unless a target says otherwise. */
    default int messagesPerWriter() {
        return 2_000;
    }

    private ChildJvm child(String... args) {
        ChildJvm c = ChildJvm.of(DbChild.class).args(args);
        String user = target().user();
        if (user != null) {
            c.env(Credentials.USER_ENV, user);
        }
        return c;
    }

    @Test
    default void fourWriterProcessesOneReaderNothingLostOrDoubledOrderKeptPerWriter() throws Exception {
        int perWriter = messagesPerWriter();
        String reader = AbstractDbStoreTest.unique("reader");
        List<Process> writers = new ArrayList<>();
        Map<String, List<Integer>> seen = new HashMap<>();
        Set<String> ids = new HashSet<>();
        try (Client r = store().connect(reader)) {
            try {
                for (int w = 0; w < WRITERS; w++) {
                    String name = AbstractDbStoreTest.unique("writer" + w);
                    seen.put(name, new ArrayList<>());
                    writers.add(child("write", store().info(), name, reader, Integer.toString(perWriter)).start());
                }
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(150);
                int total = 0;
                while (total < WRITERS * perWriter && System.nanoTime() < deadline) {
                    for (Message m : r.awaitMessages(Duration.ofSeconds(1))) {
                        assertThat(ids.add(m.id().toLowerCase())).as("message %s delivered twice", m.id()).isTrue();
                        seen.get(m.content().get("w").asText()).add(m.content().get("i").asInt());
                        total++;
                    }
                }
                for (Process p : writers) {
                    assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("writer exits").isTrue();
                    assertThat(p.exitValue()).as("writer exit status").isZero();
                }
            } finally {
                writers.forEach(Process::destroyForcibly);
            }
        }
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < perWriter; i++) {
            expected.add(i);
        }
        assertThat(seen).hasSize(WRITERS).allSatisfy((w, got) -> assertThat(got).as("messages of %s in order", w)
                .containsExactlyElementsOf(expected));
    }

    /**
     * A receiver killed with SIGKILL after reading its rows and before deleting them loses
     * nothing and sees nothing twice: the read and the delete are one transaction, so the kill
     * rolls the whole receive back and every message is delivered once, to the reconnected client.
     */
    @Test
    default void receiverKilledBetweenReadAndDeleteLosesNothingAndSeesNothingTwice() throws Exception {
        String rx = AbstractDbStoreTest.unique("crash-rx");
        String tx = AbstractDbStoreTest.unique("crash-tx");
        Path marker = Files.createTempFile("ipcm-crash-", ".marker");
        Files.delete(marker);
        List<String> sent = new ArrayList<>();
        try (Client sender = store().connect(tx)) {
            store().connect(rx).suspend();
            for (int i = 0; i < 20; i++) {
                sent.add(sender.send(rx, Map.of("i", i)).id().toLowerCase());
            }
            Process p = child("read", store().info(), rx)
                    .jvmOption("-D" + Faults.PAUSE_BEFORE_DELETE + "=" + marker).start();
            try {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (!Files.exists(marker) && p.isAlive() && System.nanoTime() < deadline) {
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
                }
                assertThat(marker).as("the child read its rows and paused before deleting them").exists();
                assertThat(Os.get().kill(p.pid(), "KILL")).isTrue();
                assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            } finally {
                p.destroyForcibly();
                Files.deleteIfExists(marker);
            }
            try (Client back = store().reconnect(rx)) {
                List<Message> got = AbstractDbStoreTest.receiveAtLeast(back, sent.size());
                assertThat(got).extracting(m -> m.id().toLowerCase()).containsExactlyInAnyOrderElementsOf(sent);
                assertThat(got).extracting(m -> m.content().get("i").asInt()).isSorted();
                assertThat(back.receive()).isEmpty();
            }
        }
    }
}
