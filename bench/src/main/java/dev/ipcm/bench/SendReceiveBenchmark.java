package dev.ipcm.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ipcm.Client;
import dev.ipcm.Ipcm;
import dev.ipcm.SpawnOptions;
import dev.ipcm.Store;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apiguardian.api.API;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One message sent by one client and received by another, both in this JVM, on a real store.
 * Run with {@code -prof gc}: {@code gc.alloc.rate.norm} is then the bytes allocated per message
 * sent and received (every thread of the JVM counted, the protocols' reader threads included).
 */
@API(status = API.Status.INTERNAL, since = "0.1")
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SendReceiveBenchmark {
    /** The protocol of the store. */
    @Param({"UnixSocket", "ConnectionUnix", "AtomicPipe", "MessageFiles"})
    public String protocol;

    /** Content bytes. */
    @Param({"100"})
    public int size;

    private Store store;
    private Client sender;
    private Client receiver;
    private ObjectNode content;

    /** Spawns the store and connects both clients once per trial. */
    @Setup(Level.Trial)
    public void setUp() {
        store = Ipcm.spawn(SpawnOptions.defaults().protocol(protocol).peerTimeout(Duration.ofSeconds(5)));
        sender = store.connect("sender");
        receiver = store.connect("receiver");
        content = Payloads.content(size);
    }

    /** Sends one message and waits until it is received. */
    @Benchmark
    public int sendAndReceive() {
        sender.send("receiver", content);
        int got = 0;
        while (got == 0) {
            got = receiver.awaitMessages(Duration.ofSeconds(10)).size();
        }
        return got;
    }

    /** Disconnects and removes the store. */
    @TearDown(Level.Trial)
    public void tearDown() {
        receiver.disconnect(messages -> { });
        sender.disconnect(messages -> { });
        store.close();
    }
}
