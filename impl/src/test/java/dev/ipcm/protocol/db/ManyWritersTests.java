package dev.ipcm.protocol.db;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ipcm.Client;
import dev.ipcm.Message;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Four writer child JVMs sending to one reader in this JVM, mixed into a target's test class. */
interface ManyWritersTests extends ChildProcesses {
    int WRITERS = 4;

    /** Messages per writer; 2,000 unless a target says otherwise. */
    default int messagesPerWriter() {
        return 2_000;
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
}
