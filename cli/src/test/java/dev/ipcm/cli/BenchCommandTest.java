package dev.ipcm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ipcm.internal.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ipcm bench} with tiny counts: a smoke check that it measures, prints and writes, not a measurement. */
class BenchCommandTest {
    private final Cli cli = Cli.inProcess();

    @Test
    void measuresAProtocolBesideItsRawTransportAndWritesTheReports(@TempDir Path dir) throws Exception {
        Path report = dir.resolve("report");
        Cli.Result r = cli.run("bench", "--protocols", "MessageFiles", "--size", "100", "--round-trips", "20",
                "--warmup", "5", "--messages", "50", "--service-starts", "1", "--cold-messages", "50", "--cold-runs", "1",
                "--liveness-runs", "1", "--report", report.toString());

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).contains("cores", "JDK", "MessageFiles", "100 B", "raw rename into watched dir", "Echo service",
                "Cold: a fresh JVM", "first msg p50", "thread ready p50");
        assertThat(r.err()).contains("ipcm bench: MessageFiles 100 B: 20 round trips", "ipcm-bench.html");
        JsonNode json = Json.decode(Files.readString(report.resolve("ipcm-bench.json")));
        assertThat(json.get("machine").get("cores").asInt()).isPositive();
        assertThat(json.get("comparisons").get(0).get("protocol").asText()).isEqualTo("MessageFiles");
        assertThat(json.get("comparisons").get(0).get("p50Ratio").isNumber()).isTrue();
        String html = Files.readString(report.resolve("ipcm-bench.html"));
        assertThat(html).contains("<svg", "MessageFiles").doesNotContain("src=\"http", "href=\"http");
    }

    @Test
    void aTooSmallSizeIsAUsageMistakeThatNamesTheValue(@TempDir Path dir) {
        Cli.Result r = cli.run("bench", "--size", "5", "--report", dir.toString());

        assertThat(r.code()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("size=5", "at least 11");
    }

    @Test
    void pinningNeedsTwoCpusThisMachineHas(@TempDir Path dir) {
        Cli.Result one = cli.run("bench", "--pin-cpus", "0", "--report", dir.toString());
        assertThat(one.code()).as(one.toString()).isEqualTo(2);
        assertThat(one.err()).contains("--pin-cpus takes two CPU numbers", "[0]");

        Cli.Result far = cli.run("bench", "--pin-cpus", "0,4096", "--report", dir.toString());
        assertThat(far.code()).as(far.toString()).isEqualTo(2);
        assertThat(far.err()).contains("child=4096", "name CPUs within that range");
    }

    @Test
    void aClosedLoopWithAnIntervalIsAUsageMistake(@TempDir Path dir) {
        Cli.Result r = cli.run("bench", "--closed-loop", "--interval-us", "500", "--report", dir.toString());
        assertThat(r.code()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("a closed loop has no interval", "not both");
    }

    @Test
    void anUnknownProtocolIsReportedAndMakesTheRunFail(@TempDir Path dir) {
        Cli.Result r = cli.run("bench", "--protocols", "NoSuchThing", "--no-raw", "--report", dir.toString());

        assertThat(r.code()).as(r.toString()).isEqualTo(1);
        assertThat(r.out()).contains("NoSuchThing", "not measured", "Unknown protocol 'NoSuchThing'");
    }

    @Test
    void anAbsentPerlReferenceIsNamedInTheTableAndFailsNothing(@TempDir Path dir) {
        Cli.Result r = cli.run("bench", "--protocols", "UnixSocket", "--size", "100", "--round-trips", "20",
                "--warmup", "5", "--messages", "50", "--no-raw", "--no-service", "--no-cold", "--no-limits", "--reference", "perl",
                "--reference-env", dir.resolve("nothing-here").toString(), "--report", dir.resolve("report").toString());

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).contains("Beside the Perl reference", "perl IPC::Manager UnixSocket: not measured",
                "the Perl reference is not at");
        assertThat(r.err()).contains("ipcm bench: Perl reference skipped: ");
    }

    @Test
    void anUnknownReferenceIsAUsageMistake(@TempDir Path dir) {
        Cli.Result r = cli.run("bench", "--reference", "python", "--report", dir.toString());

        assertThat(r.code()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("the reference must be perl or none, got 'python'");
    }
}
