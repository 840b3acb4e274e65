package dev.ipcm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ipcm.Capability;
import dev.ipcm.spi.Protocol;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The README's "From the command line" block, run by a real shell exactly as written, as fast as a
 * script runs it: each background command races the next, on every cross-process protocol.
 */
class ReadmeShellTest {
    @TempDir
    Path dir;

    static Stream<String> crossProcessProtocols() {
        return ServiceLoader.load(Protocol.class).stream().map(ServiceLoader.Provider::get)
                .filter(p -> p.capabilities().has(Capability.CROSS_PROCESS))
                .filter(p -> !p.capabilities().has(Capability.REQUIRES_SERVER))
                .map(Protocol::name).sorted();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("crossProcessProtocols")
    void theReadmeSequenceWorksAsWritten(String protocol) throws Exception {
        Cli.Result r = new Shell(dir, 0).run(readmeBlock(protocol) + "wait\n");
        assertThat(r.code()).as(r.toString()).isZero();
        // recv's message and request's response, in whichever order the two background jobs print.
        assertThat(r.out().lines()).as(r.toString()).hasSize(2).contains("\"echo: hi\"")
                .anySatisfy(line -> assertThat(line).contains("\"from\":\"alice\"")
                        .contains("\"content\":{\"hello\":\"world\"}"));
    }

    /** The two protocols the race was seen on (issue #15); the wait itself is the same code for all. */
    @ParameterizedTest(name = "{0}, the service starting 2 s late")
    @ValueSource(strings = {"MessageFiles", "UnixSocket"})
    void theRequestWaitsForASlowService(String protocol) throws Exception {
        Cli.Result r = new Shell(dir, 2).run(readmeBlock(protocol) + "wait\n");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).as(r.toString()).contains("\"echo: hi\"\n");
    }

    /** The README's block, with the protocol it spawns replaced. */
    static String readmeBlock(String protocol) throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        int start = readme.indexOf("```sh\nINFO=$(./ipcm spawn");
        assertThat(start).as("the README's command-line block").isNotNegative();
        String block = readme.substring(start + "```sh\n".length(), readme.indexOf("```", start + 5));
        assertThat(block).contains("--protocol MessageFiles");
        return block.replace("--protocol MessageFiles", "--protocol " + protocol);
    }
}
