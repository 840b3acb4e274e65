package dev.ipcm.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ipcm.internal.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** The runner end to end with tiny counts: figures, skip reasons, and the three report forms. */
class BenchRunnerTest {
    private static BenchOptions tiny() {
        return BenchOptions.defaults().sizes(List.of(100)).warmupRoundTrips(5).roundTrips(30).messages(60).service(false).cold(false);
    }

    @Test
    void aProtocolIsMeasuredBesideItsRawTransport(@TempDir Path dir) throws Exception {
        List<String> progress = new ArrayList<>();

        BenchReport report = BenchRunner.run(tiny().protocols(List.of("MessageFiles")), progress::add);

        assertThat(report.comparisons()).hasSize(1);
        Comparison c = report.comparisons().get(0);
        assertThat(c.ipcm().failure()).as("progress %s", progress).isNull();
        assertThat(c.raw().failure()).as("progress %s", progress).isNull();
        assertThat(c.raw().label()).isEqualTo("raw rename into watched dir");
        assertThat(c.ipcm().latency().roundTrips()).isEqualTo(30);
        assertThat(c.ipcm().throughput().messages()).isEqualTo(60);
        assertThat(c.ipcm().throughput().warmupMessages())
                .as("the warm-up stream, and any timed stream the JIT disqualified, count as warm-up")
                .isGreaterThanOrEqualTo(100).matches(w -> (w - 100) % 60 == 0, "100 plus whole streams of 60");
        assertThat(c.ipcm().throughput().jitMillis()).as("HotSpot reports its compilation time").isNotNegative();
        assertThat(progress).anySatisfy(line -> assertThat(line).startsWith("MessageFiles 100 B: timed stream "));
        assertThat(c.raw().latency().intervalNanos())
                .as("the raw baseline runs on the schedule the protocol's warm-up chose")
                .isEqualTo(c.ipcm().latency().intervalNanos());
        assertThat(c.latencyRatio()).isPositive();
        assertThat(c.throughputRatio()).isPositive();
        assertThat(progress.get(0)).startsWith("machine: ").contains("cores", "JDK");

        assertThat(report.table()).contains("MessageFiles", "100 B", "cores", "JDK", "shared machine");
        List<Path> files = report.writeTo(dir);
        JsonNode json = Json.decode(Files.readString(files.get(0)));
        assertThat(json.get("measurements")).hasSize(2);
        assertThat(json.get("measurements").get(0).get("latency").get("p50Nanos").asLong()).isPositive();
        assertThat(json.get("measurements").get(0).get("throughput").get("warmupMessages").asInt()).isGreaterThanOrEqualTo(100);
        assertThat(json.get("measurements").get(0).get("throughput").has("jitMillisDuring")).isTrue();
        assertThat(Files.readString(files.get(1))).startsWith("<!DOCTYPE html>").contains("<svg", "MessageFiles");
    }

    @Test
    void aClosedLoopTimesEveryRoundTripByItselfOnTheProtocolItsBaselineAndEcho() {
        List<String> progress = new ArrayList<>();

        BenchReport report = BenchRunner.run(tiny().closedLoop().protocols(List.of("UnixSocket")).service(true)
                .serviceStarts(1), progress::add);

        Comparison c = report.comparisons().get(0);
        assertThat(c.ipcm().failure()).as("progress %s", progress).isNull();
        assertThat(c.raw().failure()).as("progress %s", progress).isNull();
        assertThat(c.ipcm().latency().intervalNanos()).as("a closed loop records no interval").isZero();
        assertThat(c.raw().latency().intervalNanos()).as("the raw baseline runs closed-loop too").isZero();
        assertThat(c.ipcm().latency().roundTrips()).isEqualTo(30);
        assertThat(report.services()).singleElement().satisfies(f -> {
            assertThat(f.failure()).as("progress %s", progress).isNull();
            assertThat(f.requests().intervalNanos()).as("Echo requests closed-loop").isZero();
        });
        assertThat(report.table()).contains("closed-loop, each sent when the last returned").contains("(closed loop)")
                .doesNotContain("fixed schedule");
        assertThat(report.toHtml()).contains("Round trips run closed-loop", "ServiceHandle closed-loop")
                .doesNotContain("fixed intended schedule", "on the fixed schedule");
    }

    @Test
    void theEchoServiceAndTheScalingCurvesAreMeasuredWhenAskedFor() {
        List<String> progress = new ArrayList<>();
        BenchOptions options = tiny().raw(false).protocols(List.of("MessageFiles")).service(true).serviceStarts(1)
                .scaling(true).senderCounts(List.of(1, 3)).peerCounts(List.of(4)).scalingRoundTrips(12).scalingMessages(30);

        BenchReport report = BenchRunner.run(options, progress::add);

        assertThat(report.services()).singleElement().satisfies(f -> {
            assertThat(f.failure()).as("progress %s", progress).isNull();
            assertThat(f.requests().roundTrips()).isEqualTo(30);
            assertThat(f.ready().roundTrips()).isEqualTo(1);
            assertThat(f.ready().p50()).isPositive();
        });
        assertThat(report.scaling()).extracting(ScalingPoint::dimension, ScalingPoint::n)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("senders", 1),
                        org.assertj.core.groups.Tuple.tuple("senders", 3), org.assertj.core.groups.Tuple.tuple("peers", 4));
        assertThat(report.scaling()).allSatisfy(p -> {
            assertThat(p.failure()).as("progress %s", progress).isNull();
            assertThat(p.throughput().perSecond()).isPositive();
        });
        // 3 senders share 12 round trips and 30 messages: 4 and 10 each.
        assertThat(report.scaling().get(1).latency().roundTrips()).isEqualTo(12);
        assertThat(report.scaling().get(1).throughput().messages()).isEqualTo(30);
        assertThat(report.table()).contains("Echo service", "Scaling", "senders", "peers");
        assertThat(report.toHtml()).contains("Echo request p50", "p99 round trip by senders");
        assertThat(report.toJson()).contains("\"services\"", "\"scaling\"");
    }

    @Test
    void aFreshJvmsFirstMessageAndStreamAndAThreadServicesStartAreMeasuredCold() {
        List<String> progress = new ArrayList<>();
        BenchOptions options = tiny().raw(false).protocols(List.of("UnixSocket")).cold(true).coldMessages(40).coldRuns(2)
                .serviceStarts(2);

        BenchReport report = BenchRunner.run(options, progress::add);

        assertThat(report.cold()).singleElement().satisfies(f -> {
            assertThat(f.failure()).as("progress %s", progress).isNull();
            assertThat(f.firstMessage().roundTrips()).isEqualTo(2);
            assertThat(f.firstMessage().p50()).isPositive();
            assertThat(f.freshStream().messages()).isEqualTo(40);
            assertThat(f.freshStream().perSecond()).isPositive();
            assertThat(f.threadServiceReady().roundTrips()).isEqualTo(2);
        });
        assertThat(report.table()).contains("Cold: a fresh JVM", "fresh x warm", "UnixSocket");
        assertThat(report.toJson()).contains("\"firstMessage\"", "\"freshStream\"", "\"threadServiceReady\"");
        assertThat(report.toHtml()).contains("<h2>Cold</h2>");
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void pinnedRunsPutTheChildOnItsCpuAndGiveThisJvmItsCpusBack() throws Exception {
        String before = cpusAllowed(ProcessHandle.current().pid());
        int last = Runtime.getRuntime().availableProcessors() - 1;
        List<String> childCpus = new ArrayList<>();
        List<String> progress = new ArrayList<>();

        BenchReport report = BenchRunner.run(tiny().protocols(List.of("UnixSocket")).raw(false).pinCpus(0, last), line -> {
            progress.add(line);
            if (line.contains("round trips")) {
                // The child is running now; every JVM this test did not start is ours to look at.
                ProcessHandle.current().children().forEach(child -> childCpus.add(cpusAllowed(child.pid())));
            }
        });

        assertThat(report.comparisons().get(0).ipcm().failure()).as("progress %s", progress).isNull();
        assertThat(progress).anySatisfy(line -> assertThat(line).isEqualTo("pinned: this JVM to CPU 0, child JVMs to CPU " + last));
        assertThat(childCpus).isNotEmpty().allSatisfy(cpus -> assertThat(cpus).isEqualTo(Integer.toString(last)));
        assertThat(report.table()).contains("UnixSocket");
        assertThat(report.facts().cores()).as("the machine's cores, not the pinned JVM's one").isEqualTo(last + 1);
        assertThat(cpusAllowed(ProcessHandle.current().pid())).isEqualTo(before);
    }

    /** The kernel's list of CPUs a process may run on ("0-1", "1"). */
    private static String cpusAllowed(long pid) {
        try {
            return Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream()
                    .filter(l -> l.startsWith("Cpus_allowed_list:"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim())
                    .findFirst().orElseThrow();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void aProtocolThatCannotCrossProcessesIsSkippedWithItsReason() {
        BenchReport report = BenchRunner.run(tiny().protocols(List.of("LocalMemory")), line -> { });

        Measurement m = report.comparisons().get(0).ipcm();
        assertThat(m.failure()).contains("LocalMemory cannot be reached from another process");
        assertThat(report.table()).contains("not measured");
    }
}
