package dev.ipcm.protocol.pipe;

import dev.ipcm.bench.Payloads;
import java.nio.ByteBuffer;
import java.util.List;
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
 * AtomicPipe's framing alone, without a FIFO: cutting a payload into Atomic::Pipe chunks, and
 * reassembling the chunks into the payload. It lives in the protocol's package (in the bench
 * module) because the framing is package-private there, as it should stay.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class AtomicPipeFramingBenchmark {
    /** Payload bytes: 100 B, 4 KiB (two chunks) and 64 KiB (17 chunks). */
    @Param({"100", "4096", "65536"})
    public int size;

    private byte[] payload;
    private byte[] stream;
    private Reassembler reassembler;
    private ByteBuffer frames;

    /** The payload and its chunks laid end to end, as a reader sees them. */
    @Setup
    public void setUp() {
        payload = Payloads.bytes(size);
        List<byte[]> chunks = ChunkFraming.chunks(payload, 4242, 1);
        stream = new byte[chunks.stream().mapToInt(c -> c.length).sum()];
        int at = 0;
        for (byte[] c : chunks) {
            System.arraycopy(c, 0, stream, at, c.length);
            at += c.length;
        }
        reassembler = new Reassembler();
        frames = ByteBuffer.allocateDirect(ChunkFraming.framedLength(size)).order(ChunkFraming.ORDER);
    }

    /** Payload to chunks, laid end to end in the writer's reused direct buffer. */
    @Benchmark
    public ByteBuffer frame() {
        frames.clear();
        ChunkFraming.frame(payload, 4242, 1, frames);
        return frames;
    }

    /** Chunks (as read from the FIFO in one read) back to the payload. */
    @Benchmark
    public byte[] reassemble() {
        reassembler.feed(stream, 0, stream.length);
        return reassembler.poll();
    }
}
