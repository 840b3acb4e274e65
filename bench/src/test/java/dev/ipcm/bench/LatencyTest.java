package dev.ipcm.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class LatencyTest {
    @Test
    void percentilesAreNearestRankOverTheSortedSamples() {
        long[] samples = LongStream.rangeClosed(1, 1000).map(i -> 1001 - i).toArray();

        Latency l = Latency.of(samples, 7);

        assertThat(l.p50()).isEqualTo(500);
        assertThat(l.p99()).isEqualTo(990);
        assertThat(l.p999()).isEqualTo(999);
        assertThat(l.max()).isEqualTo(1000);
        assertThat(l.roundTrips()).isEqualTo(1000);
        assertThat(l.intervalNanos()).isEqualTo(7);
    }

    @Test
    void oneSampleIsEveryPercentile() {
        Latency l = Latency.of(new long[] {42}, 1);
        assertThat(l.p50()).isEqualTo(42);
        assertThat(l.p999()).isEqualTo(42);
    }

    @Test
    void noSamplesIsRefused() {
        assertThatThrownBy(() -> Latency.of(new long[0], 1)).hasMessageContaining("at least one sample");
    }

    @Test
    void theAutomaticScheduleIsFourWarmUpMediansButNeverBelowTheFloor() {
        assertThat(AutoInterval.of(new long[] {100_000, 50_000, 70_000})).isEqualTo(280_000);
        assertThat(AutoInterval.of(new long[] {1_000, 2_000})).isEqualTo(AutoInterval.MIN_INTERVAL_NANOS);
    }

    @Test
    void aStallDelaysEveryLaterSampleOfTheSchedule() throws Exception {
        // A link whose 5th round trip stalls for 20 ms: on a 1 ms schedule the next ~20 sends start
        // late, and each of them must show the wait, not only the stalled one.
        Link stalling = new Link() {
            private int n;

            @Override
            public void send() {
            }

            @Override
            public int receive() throws InterruptedException {
                if (++n == 5) {
                    Thread.sleep(20);
                }
                return 1;
            }

            @Override
            public void close() {
            }
        };

        Latency l = PingPong.measure(stalling, 0, 100, 1_000_000);

        assertThat(l.max()).isGreaterThanOrEqualTo(20_000_000);
        assertThat(l.p99()).isGreaterThanOrEqualTo(10_000_000);
    }
}
