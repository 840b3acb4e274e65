package dev.ipcm.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ipcm.Message;
import dev.ipcm.internal.MessageIds;
import dev.ipcm.internal.Stamps;
import java.util.concurrent.TimeUnit;
import org.apiguardian.api.API;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** What every send pays before any transport: a message id, a stamp, and the whole envelope. */
@API(status = API.Status.INTERNAL, since = "0.1")
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class EnvelopeBenchmark {
    private final ObjectNode content = Payloads.content(100);

    /** A fresh UUIDv7 message id. */
    @Benchmark
    public String messageId() {
        return MessageIds.next();
    }

    /** A stamp and its ordinal (synchronized across the JVM). */
    @Benchmark
    public Stamps.Stamp stamp() {
        return Stamps.next();
    }

    /** A whole message with a 100-byte content: id, stamp, checks. */
    @Benchmark
    public Message buildMessage() {
        return Message.builder("alice").to("bob").content(content).build();
    }
}
