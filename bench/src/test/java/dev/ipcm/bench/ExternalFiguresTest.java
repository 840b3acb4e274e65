package dev.ipcm.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ipcm.internal.Json;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Perl reference's and the C limits' output lines read as figures, and the reports built from them. */
class ExternalFiguresTest {
    private static final String PERL_RTT =
            "{\"impl\":\"perl\",\"mode\":\"rtt\",\"protocol\":\"UnixSocket\",\"round_trips\":500,\"size\":100,\"p50_us\":71,\"p99_us\":1053}";
    private static final String PERL_STREAM =
            "{\"impl\":\"perl\",\"mode\":\"stream\",\"protocol\":\"UnixSocket\",\"messages\":2000,\"size\":100,\"seconds\":0.561,\"msgs_per_s\":4000}";
    private static final String PERL_ECHO =
            "{\"impl\":\"perl\",\"mode\":\"echo\",\"protocol\":\"UnixSocket\",\"requests\":200,\"ready_ms\":4,\"p50_us\":214,\"p99_us\":330}";
    private static final String C_PINGPONG = "RESULT bench=pingpong transport=uds-dgram size=100 n=500 warmup=50 min_us=40.00"
            + " p50_us=50.50 p90_us=60.00 p99_us=90.25 p999_us=120.00 max_us=130.00 mean_us=55.00 wall_s=0.11 cpu_s_total=0.12";
    private static final String C_STREAM = "RESULT bench=stream transport=uds-dgram size=100 n=2000 warmup=200 secs=0.010"
            + " msgs_per_s=200000 MB_per_s=20.0 send_phase_s=0.010 sender_cpu_s=0.01 reordered=0";

    @Test
    void thePerlLinesBecomeALatencyAThroughputAndAReadyTime() {
        assertThat(ExternalFigures.perlLatency(PERL_RTT)).isEqualTo(new Latency(500, 0, 71_000, 1_053_000, -1, -1));
        Throughput t = ExternalFigures.perlThroughput(PERL_STREAM);
        assertThat(t.messages()).isEqualTo(2000);
        assertThat(t.size()).isEqualTo(100);
        assertThat(t.perSecond()).isCloseTo(4000, org.assertj.core.data.Offset.offset(0.01));
        assertThat(ExternalFigures.perlLatency(PERL_ECHO).roundTrips()).isEqualTo(200);
        assertThat(ExternalFigures.perlReadyNanos(PERL_ECHO)).isEqualTo(4_000_000);
    }

    @Test
    void theCLinesBecomeALatencyAndAThroughput() {
        assertThat(ExternalFigures.cLatency(C_PINGPONG)).isEqualTo(new Latency(500, 0, 50_500, 90_250, 120_000, 130_000));
        Throughput t = ExternalFigures.cThroughput(C_STREAM);
        assertThat(t.messages()).isEqualTo(2000);
        assertThat(t.warmupMessages()).isEqualTo(200);
        assertThat(t.perSecond()).isCloseTo(200_000, org.assertj.core.data.Offset.offset(0.5));
    }

    @Test
    void aLineWithoutItsFiguresSaysWhatIsMissing() {
        assertThatThrownBy(() -> ExternalFigures.perlLatency("{\"impl\":\"perl\",\"round_trips\":5}"))
                .isInstanceOf(BenchException.class).hasMessageContaining("no \"p50_us\"");
        assertThatThrownBy(() -> ExternalFigures.perlLatency("Can't locate IPC/Manager.pm"))
                .isInstanceOf(BenchException.class).hasMessageContaining("not JSON");
        assertThatThrownBy(() -> ExternalFigures.cLatency("RESULT bench=pingpong n=5"))
                .isInstanceOf(BenchException.class).hasMessageContaining("no p50_us=");
        assertThatThrownBy(() -> ExternalFigures.cThroughput("usage: ipcbench"))
                .isInstanceOf(BenchException.class).hasMessageContaining("not a RESULT line");
    }

    @Test
    void theReportsSetIpcmBesideTheReferenceAndTheLimitWithTheirRatios() {
        Measurement ipcm = new Measurement("UnixSocket", false, 100, new Latency(500, 200_000, 35_500, 80_000, 90_000, 99_000),
                new Throughput(2000, 100, 250_000_000L), null);
        Measurement perl = new Measurement("perl IPC::Manager UnixSocket", true, 100, ExternalFigures.perlLatency(PERL_RTT),
                ExternalFigures.perlThroughput(PERL_STREAM), null);
        Measurement c = new Measurement("C uds-dgram", true, 100, ExternalFigures.cLatency(C_PINGPONG),
                ExternalFigures.cThroughput(C_STREAM), null);
        Measurement absent = Measurement.failed("perl IPC::Manager MessageFiles", true, 100, "the Perl reference is not configured");
        Latency ready = new Latency(1, 0, 8_000_000, 8_000_000, 8_000_000, 8_000_000);
        ServiceFigures echo = new ServiceFigures("UnixSocket", 100, new Latency(200, 0, 107_000, 150_000, 160_000, 170_000),
                ready, null).withReference(new ServiceFigures("perl UnixSocket", 0, ExternalFigures.perlLatency(PERL_ECHO),
                        new Latency(1, 0, 4_000_000, 4_000_000, 4_000_000, 4_000_000), null));
        BenchReport report = new BenchReport(new MachineFacts(2, "Temurin 17", "Linux", "Xeon", 1.0, 1.5, Instant.EPOCH),
                Map.of(), List.of(ipcm), List.of(new Comparison("UnixSocket", 100, ipcm, null, perl, c),
                        new Comparison("MessageFiles", 100, ipcm, null, absent, null)), List.of(echo), List.of(), List.of());

        assertThat(report.comparisons().get(0).latencyRatio(perl)).isEqualTo(0.5);
        assertThat(report.comparisons().get(0).throughputRatio(c)).isCloseTo(0.04, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(report.table()).contains("Beside the Perl reference and the C limits", "perl p50", "C msg/s",
                "71.0 us", "50.5 us", "0.50", "0.70", "2.00", "0.04", "8,000", "4,000", "200,000",
                "Echo service beside", "214.0 us", "8.00 ms", "4.00 ms",
                "MessageFiles 100 B, perl IPC::Manager MessageFiles: not measured: the Perl reference is not configured");
        JsonNode json = Json.decode(report.toJson()).get("comparisons").get(0);
        assertThat(json.get("reference").get("label").asText()).isEqualTo("perl IPC::Manager UnixSocket");
        assertThat(json.get("reference").get("p50Ratio").asDouble()).isEqualTo(0.5);
        assertThat(json.get("limit").get("latency").get("p999Nanos").asLong()).isEqualTo(120_000);
        assertThat(json.get("limit").get("throughputRatio").asDouble()).isCloseTo(0.04, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(Json.decode(report.toJson()).get("services").get(0).get("reference").get("ready").get("p50Nanos").asLong())
                .isEqualTo(4_000_000);
        assertThat(report.toHtml()).contains("<h2>Beside the Perl reference and the C limits</h2>", "<th>msg/s x C</th>",
                "<td>0.50</td>", "not measured: the Perl reference is not configured");
    }
}
