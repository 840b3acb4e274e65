package dev.ipcm.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collection;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/** Every JMH benchmark runs one short iteration in this JVM: proof that it works, not a measurement. */
class JmhSmokeTest {
    @Test
    void everyBenchmarkRunsOnce(@TempDir Path dir) throws Exception {
        Options options = new OptionsBuilder()
                .include(SerializerBenchmark.class.getName())
                .include(EnvelopeBenchmark.class.getName())
                .include(SendReceiveBenchmark.class.getName())
                .include(dev.ipcm.protocol.pipe.AtomicPipeFramingBenchmark.class.getName())
                .param("protocol", "UnixSocket")
                .param("size", "100")
                .forks(0)
                .warmupIterations(0)
                .measurementIterations(1)
                .measurementTime(TimeValue.milliseconds(50))
                .shouldFailOnError(true)
                .output(dir.resolve("jmh.txt").toString()) // keep the build log readable
                .build();

        Collection<RunResult> results = new Runner(options).run();

        // 2 serializers x (serialize, parse) at one size, 3 envelope benchmarks, 1 send-and-receive,
        // framing and reassembly.
        assertThat(results).hasSize(10);
        assertThat(results).allSatisfy(r -> assertThat(r.getPrimaryResult().getScore()).isPositive());
    }
}
