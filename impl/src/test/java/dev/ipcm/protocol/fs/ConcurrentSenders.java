package dev.ipcm.protocol.fs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ipcm.Client;
import dev.ipcm.Message;
import dev.ipcm.Store;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Several child JVMs send numbered messages to one receiver in this JVM at the same time; the
 * receiver checks that nothing is lost or doubled and that each sender's order is kept across
 * batches.
 */
final class ConcurrentSenders {
    private ConcurrentSenders() {}

    static void run(Store store, int senders, int perSender, long deadlineSeconds) throws Exception {
        try (Client receiver = store.connect("receiver")) {
            List<Process> children = new ArrayList<>();
            try {
                for (int s = 0; s < senders; s++) {
                    children.add(FsChildren.start("send", store.info(), "sender" + s, "receiver", Integer.toString(perSender)));
                }
                Map<String, Integer> next = new HashMap<>();
                int total = senders * perSender;
                int received = 0;
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(deadlineSeconds);
                while (received < total) {
                    long left = deadline - System.nanoTime();
                    assertThat(left).as("all %d messages within %d s; got %d", total, deadlineSeconds, received)
                            .isPositive();
                    for (Message m : receiver.awaitMessages(Duration.ofNanos(left))) {
                        int n = m.content().get("n").asInt();
                        int expected = next.getOrDefault(m.from(), 0);
                        assertThat(n).as("message from %s in order (nothing lost, nothing doubled)", m.from())
                                .isEqualTo(expected);
                        next.put(m.from(), expected + 1);
                        received++;
                    }
                }
                for (Process p : children) {
                    FsChildren.awaitLine(p, "DONE", 60);
                    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
                    assertThat(p.exitValue()).isZero();
                }
                assertThat(receiver.receive()).isEmpty();
                for (int s = 0; s < senders; s++) {
                    assertThat(next.get("sender" + s)).isEqualTo(perSender);
                    assertThat(receiver.allStats().get("sender" + s).sent()).containsEntry("receiver", (long) perSender);
                }
                assertThat(receiver.stats().read().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(total);
            } finally {
                for (Process p : children) {
                    if (p.isAlive()) {
                        FsChildren.kill(p);
                    }
                }
            }
        }
    }
}
