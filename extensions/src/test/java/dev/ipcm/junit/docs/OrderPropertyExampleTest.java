package dev.ipcm.junit.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ipcm.Client;
import dev.ipcm.Message;
import dev.ipcm.junit.IpcmProperties;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;

// Every try runs on each protocol named (all of them when none are), each time with a fresh
// store and clients. Sending everything before reading suits stores that buffer without limit;
// a socket protocol blocks the sender until the receiver reads.
@IpcmProperties({"LocalMemory", "MessageFiles", "SQLite"})
class OrderPropertyExampleTest {
    @Property(tries = 20)
    void keepsSendOrder(@ForAll @Size(max = 30) List<Integer> values, Client sender, Client receiver) {
        values.forEach(v -> sender.send(receiver.name(), v));

        List<Integer> got = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (got.size() < values.size() && System.nanoTime() < deadline) {
            for (Message m : receiver.awaitMessages(Duration.ofSeconds(1))) {
                got.add(m.content().asInt());
            }
        }
        assertThat(got).isEqualTo(values);
    }
}
