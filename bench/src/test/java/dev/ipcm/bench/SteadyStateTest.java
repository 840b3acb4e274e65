package dev.ipcm.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SteadyStateTest {
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    @Test
    void aStreamCountsOnlyWhileTheJitWorkedAtMostOneTwentiethOfIt() {
        assertThat(SteadyState.steady(0, SECOND)).isTrue();
        assertThat(SteadyState.steady(50, SECOND)).isTrue();
        assertThat(SteadyState.steady(51, SECOND)).isFalse();
        // Both JVMs' compilers together can work longer than the stream took: two threads each.
        assertThat(SteadyState.steady(1657, 894 * 1_000_000L)).isFalse();
    }

    @Test
    void anUnknownJitTimeIsAcceptedRatherThanStreamingForever() {
        assertThat(SteadyState.steady(-1, SECOND)).isTrue();
    }

    @Test
    void retriesStopAtTheTrialLimitOrTheTimeLimit() {
        assertThat(SteadyState.mayRetry(1, 0, SECOND)).isTrue();
        assertThat(SteadyState.mayRetry(SteadyState.MAX_TRIALS, 0, SECOND)).isFalse();
        assertThat(SteadyState.mayRetry(1, 0, SteadyState.MAX_NANOS)).isFalse();
    }
}
