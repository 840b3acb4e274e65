package dev.ipcm.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A program outside the JVM run to its figures line, and each way that can go wrong said with its output. */
class ExternalCommandTest {
    @Test
    void theFiguresLineIsFoundAmongTheOutputAndTheEnvironmentReachesTheProgram(@TempDir Path dir) {
        String line = ExternalCommand.figuresLine(List.of("sh", "-c", "echo noise; echo \"RESULT v=$V\"; echo more >&2"),
                Map.of("V", "42"), dir, 10_000_000_000L, l -> l.startsWith("RESULT "));

        assertThat(line).isEqualTo("RESULT v=42");
    }

    @Test
    void aFailureAMissingLineAndAnOverrunAreReportedWithTheOutput(@TempDir Path dir) {
        assertThatThrownBy(() -> ExternalCommand.figuresLine(List.of("sh", "-c", "echo cannot locate X >&2; exit 3"),
                Map.of(), dir, 10_000_000_000L, l -> true))
                .isInstanceOf(BenchException.class).hasMessageContaining("exited with 3", "cannot locate X");
        assertThatThrownBy(() -> ExternalCommand.figuresLine(List.of("sh", "-c", "echo hello"), Map.of(), dir,
                10_000_000_000L, l -> l.startsWith("RESULT ")))
                .isInstanceOf(BenchException.class).hasMessageContaining("printed no figures");
        assertThatThrownBy(() -> ExternalCommand.figuresLine(List.of("sh", "-c", "echo started; exec sleep 30"), Map.of(),
                dir, 300_000_000L, l -> true))
                .isInstanceOf(BenchException.class).hasMessageContaining("did not finish within", "started");
    }
}
