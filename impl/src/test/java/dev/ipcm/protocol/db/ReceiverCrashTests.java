package dev.ipcm.protocol.db;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ipcm.Client;
import dev.ipcm.Message;
import dev.ipcm.os.Os;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/** A receiving child JVM killed between its read and its delete, mixed into a target's test class. */
interface ReceiverCrashTests extends ChildProcesses {
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
