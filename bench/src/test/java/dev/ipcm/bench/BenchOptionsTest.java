package dev.ipcm.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class BenchOptionsTest {
    @Test
    void theDefaultsAreTheTargetsCounts() {
        BenchOptions o = BenchOptions.defaults();
        assertThat(o.roundTrips()).isEqualTo(20_000);
        assertThat(o.sizes()).containsExactly(100, 4096);
        assertThat(o.messagesFor("UnixSocket")).isEqualTo(200_000);
        assertThat(o.messagesFor("PostgreSQL")).isEqualTo(20_000);
        assertThat(o.messagesFor("JSONFile")).isEqualTo(2_000);
    }

    @Test
    void warmUpIsATenthOfTheStreamWithinBounds() {
        assertThat(StreamCounts.warmupFor(200_000)).isEqualTo(20_000);
        assertThat(StreamCounts.warmupFor(20_000)).isEqualTo(2_000);
        assertThat(StreamCounts.warmupFor(50)).isEqualTo(100);
        assertThat(StreamCounts.warmupFor(1_000_000)).isEqualTo(20_000);
    }

    @Test
    void badValuesAreRefusedNamingTheValue() {
        assertThatThrownBy(() -> BenchOptions.defaults().roundTrips(0))
                .isInstanceOf(BenchException.class).hasMessageContaining("roundTrips=0");
        assertThatThrownBy(() -> BenchOptions.defaults().messages(-3))
                .isInstanceOf(BenchException.class).hasMessageContaining("messages=-3");
        assertThatThrownBy(() -> BenchOptions.defaults().sizes(List.of(100, 3)))
                .isInstanceOf(BenchException.class).hasMessageContaining("size=3");
        assertThatThrownBy(() -> BenchOptions.defaults().protocols(List.of()))
                .isInstanceOf(BenchException.class).hasMessageContaining("protocol list is empty");
        assertThatThrownBy(() -> BenchOptions.defaults().interval(Duration.ofMillis(-1)))
                .isInstanceOf(BenchException.class).hasMessageContaining("PT-0.001S");
        assertThatThrownBy(() -> BenchOptions.defaults().sessionTimeout(Duration.ZERO))
                .isInstanceOf(BenchException.class).hasMessageContaining("PT0S");
        assertThatThrownBy(() -> BenchOptions.defaults().pinCpus(-1, 0))
                .isInstanceOf(BenchException.class).hasMessageContaining("parent=-1");
        int cpus = Runtime.getRuntime().availableProcessors();
        assertThatThrownBy(() -> BenchOptions.defaults().pinCpus(0, cpus))
                .isInstanceOf(BenchException.class).hasMessageContaining("child=" + cpus).hasMessageContaining("0 to ");
    }

    @Test
    void aClosedLoopAndAFixedIntervalExcludeEachOtherInEitherOrder() {
        assertThatThrownBy(() -> BenchOptions.defaults().closedLoop().interval(Duration.ofMillis(1)))
                .isInstanceOf(BenchException.class).hasMessageContaining("--closed-loop").hasMessageContaining("--interval-us");
        assertThatThrownBy(() -> BenchOptions.defaults().interval(Duration.ofMillis(1)).closedLoop())
                .isInstanceOf(BenchException.class).hasMessageContaining("not both");
        assertThat(BenchOptions.defaults().closedLoop().describe().get("interval")).asString().contains("closed loop");
    }
}
