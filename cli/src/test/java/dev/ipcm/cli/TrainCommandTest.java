package dev.ipcm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The hidden {@code ipcm train} the launcher records its class-data archive from (docs/cli.md, "Start-up"). */
class TrainCommandTest {
    @Test
    void trainRunsTheCommonCommandsQuietlyAndLeavesNoStoreBehind() throws IOException {
        List<Path> before = storesOfThisJvm();
        Cli.Result r = Cli.inProcess().run("train");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEmpty();
        assertThat(storesOfThisJvm()).isEqualTo(before);
    }

    /** The MessageFiles stores this JVM spawned, where a spawn without a route puts them. */
    private static List<Path> storesOfThisJvm() throws IOException {
        String tmp = System.getenv("TMPDIR");
        Path dir = tmp != null && !tmp.isEmpty() && Files.isDirectory(Path.of(tmp)) ? Path.of(tmp) : Path.of("/tmp");
        String prefix = "PerlIPCManager-" + ProcessHandle.current().pid() + "-";
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().startsWith(prefix)).sorted().toList();
        }
    }
}
