package dev.ipcm.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Each raw baseline runs a tiny ping-pong and stream between two JVMs (a smoke check, not a measurement). */
class RawTransportsSmokeTest {
    static Stream<Transport> transports() {
        return Stream.of(new RawDatagram(), new RawStream(), new RawFifo(), new RawRename(),
                new RawJdbc("SQLite", null, "", ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transports")
    void measuresBetweenTwoJvms(Transport transport) {
        List<String> progress = new ArrayList<>();
        Measurement m = PairRun.measure(transport, 100, new PairRun.Counts(5, 20, 10, 50, 0),
                TimeUnit.SECONDS.toNanos(60), progress::add);

        assertThat(m.failure()).as("failure, progress %s", progress).isNull();
        assertThat(m.raw()).isTrue();
        assertThat(m.latency().roundTrips()).isEqualTo(20);
        assertThat(m.latency().p50()).isPositive().isLessThanOrEqualTo(m.latency().p99());
        assertThat(m.throughput().messages()).isEqualTo(50);
        assertThat(m.throughput().elapsedNanos()).isPositive();
    }
}
