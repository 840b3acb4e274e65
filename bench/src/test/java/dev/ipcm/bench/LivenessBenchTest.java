package dev.ipcm.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Liveness detection on the configured database servers (IPCM_POSTGRESQL_URL, IPCM_MARIADB_URL):
 * a smoke check with two kills that it measures and reports, not a measurement.
 */
class LivenessBenchTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource({"PostgreSQL, IPCM_POSTGRESQL_URL", "MariaDB, IPCM_MARIADB_URL"})
    void aKilledPeersDetectionIsMeasuredAndReported(String protocol, String serverVariable) {
        String url = System.getenv(serverVariable);
        assumeTrue(url != null && !url.isBlank(), serverVariable + " is not set: no " + protocol + " server configured");
        List<String> progress = new ArrayList<>();

        LivenessFigures f = LivenessBench.measure(protocol, Map.of(), 2, TimeUnit.SECONDS.toNanos(120), progress::add);

        assertThat(f.failure()).as("progress %s", progress).isNull();
        assertThat(f.detection().roundTrips()).isEqualTo(2);
        assertThat(f.detection().p50()).isPositive();
        assertThat(f.detection().max()).isGreaterThanOrEqualTo(f.detection().p50());
        BenchReport report = new BenchReport(new MachineFacts(2, "Temurin 17", "Linux", "Xeon", 1.0, 1.5, Instant.EPOCH),
                Map.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
                List.of(f, new LivenessFigures("MySQL", null, "no server")));
        assertThat(report.table()).contains("Liveness: a peer JVM is SIGKILLed", "detection p50", protocol,
                "MySQL liveness: not measured: no server");
        assertThat(report.toJson()).contains("\"liveness\"", "\"detection\"");
        assertThat(report.toHtml()).contains("<h2>Liveness</h2>");
    }
}
