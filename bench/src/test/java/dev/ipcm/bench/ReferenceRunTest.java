package dev.ipcm.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Perl reference and the C limits measured in the same run as a protocol, with tiny counts:
 * a check that they run and land in the report, not a measurement.
 */
class ReferenceRunTest {
    private static BenchOptions tiny() {
        return BenchOptions.defaults().protocols(List.of("UnixSocket")).sizes(List.of(100)).warmupRoundTrips(5)
                .roundTrips(30).messages(60).raw(false).service(false).cold(false);
    }

    @Test
    void theReferenceAndTheLimitsRunBesideTheProtocolWhenInstalled() {
        String env = System.getenv(PerlReference.SETTING);
        assumeTrue(env != null && !env.isBlank(), "the Perl reference is not installed here: set "
                + PerlReference.SETTING + " to its env.sh (see docs/performance.md)");
        assumeTrue(CLimits.compilerPresent(), "gcc is not on the PATH: the C limits cannot be built");
        List<String> progress = new ArrayList<>();

        BenchReport report = BenchRunner.run(tiny().reference("perl").limits(true).service(true).serviceStarts(1),
                progress::add);

        Comparison c = report.comparisons().get(0);
        assertThat(c.ipcm().failure()).as("progress %s", progress).isNull();
        assertThat(c.reference().failure()).as("progress %s", progress).isNull();
        assertThat(c.reference().latency().roundTrips()).isEqualTo(30);
        assertThat(c.reference().throughput().messages()).isEqualTo(60);
        assertThat(c.limit().failure()).as("progress %s", progress).isNull();
        assertThat(c.limit().label()).isEqualTo("C uds-dgram");
        assertThat(c.limit().latency().roundTrips()).isEqualTo(30);
        assertThat(c.limit().throughput().messages()).isEqualTo(60);
        assertThat(c.throughputRatio(c.reference())).isPositive();
        assertThat(c.latencyRatio(c.limit())).isPositive();
        ServiceFigures echo = report.services().get(0);
        assertThat(echo.reference().failure()).as("progress %s", progress).isNull();
        assertThat(echo.reference().requests().roundTrips()).isEqualTo(30);
        assertThat(report.table()).contains("perl p50", "C p50", "Echo service beside");
    }

    @Test
    void anAbsentReferenceIsReportedWithTheReasonAndTheRunGoesOn(@TempDir Path empty) {
        List<String> progress = new ArrayList<>();

        BenchReport report = BenchRunner.run(tiny().reference("perl").referenceEnv(empty).limits(false), progress::add);

        Comparison c = report.comparisons().get(0);
        assertThat(c.ipcm().failure()).as("progress %s", progress).isNull();
        assertThat(c.reference().failure()).contains("the Perl reference is not at " + empty, "env.sh", "bench.pl",
                PerlReference.SETTING);
        assertThat(c.limit()).as("the limits were not asked for").isNull();
        assertThat(progress).anySatisfy(line -> assertThat(line).startsWith("Perl reference skipped: "));
        assertThat(report.measurements()).as("an absent reference fails no measurement").allMatch(m -> m.failure() == null);
        assertThat(report.table()).contains("perl IPC::Manager UnixSocket: not measured: the Perl reference is not at");
    }
}
