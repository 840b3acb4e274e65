package dev.ipcm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ipcm.ConnectionInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@code ipcm demo}: a real exchange with an echoing child JVM over MessageFiles. */
class DemoTest {

    @Test
    void echoesEveryMessageThroughAChildJvmAndRemovesTheStore() {
        Cli.Result r = Cli.inProcess().run("demo", "--count", "40", "--show", "2");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.err()).as(r.toString()).isEmpty();
        var lines = r.out().lines().toList();
        assertThat(lines.get(0)).startsWith("store     [\"IPC::Manager::Client::MessageFiles\"");
        assertThat(lines.get(1)).startsWith("echo      child JVM, pid ");
        assertThat(lines).contains(
                "demo -> echo  {\"seq\":1,\"text\":\"hello from the demo\"}",
                "demo -> echo  {\"seq\":2,\"text\":\"hello from the demo\"}",
                "...       38 more round trips not shown");
        assertThat(lines).filteredOn(l -> l.startsWith("echo -> demo  {\"seq\":")).hasSize(2);
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("passed    40 of 40 messages came back intact in "));
        assertThat(lines.get(lines.size() - 1)).matches("rate      \\d+ messages/s \\(40 sent \\+ 40 echoed\\)");

        Path route = Path.of(ConnectionInfo.parse(lines.get(0).substring("store     ".length())).route());
        assertThat(Files.exists(route)).as("the demo store is removed").isFalse();
    }
}
