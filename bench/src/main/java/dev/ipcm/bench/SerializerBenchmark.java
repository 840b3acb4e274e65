package dev.ipcm.bench;

import dev.ipcm.Message;
import dev.ipcm.serial.Serializer;
import dev.ipcm.serial.Serializers;
import java.util.concurrent.TimeUnit;
import org.apiguardian.api.API;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What it costs in one process to turn a whole message (envelope and content) into wire bytes and
 * back, per serializer and content size. Parsing includes the envelope checks a receiver makes.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SerializerBenchmark {
    /** Content bytes: 100 B, 4 KiB and 64 KiB. */
    @Param({"100", "4096", "65536"})
    public int size;

    /** The serializer, by its short name. */
    @Param({"JSON", "JSON::Zstd"})
    public String serializer;

    private Serializer codec;
    private Message message;
    private byte[] wire;

    /** Builds the message and its wire form once per trial. */
    @Setup
    public void setUp() {
        codec = Serializers.byName(serializer);
        message = Message.builder("alice").to("bob").content(Payloads.content(size)).build();
        wire = codec.serializeMessage(message);
    }

    /** Envelope to wire bytes, as a protocol sends them. */
    @Benchmark
    public byte[] serialize() {
        return codec.serializeMessage(message);
    }

    /** Wire bytes to a checked message, as a protocol receives them. */
    @Benchmark
    public Message parse() {
        return codec.deserializeMessage(wire);
    }
}
