package dev.ipcm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ipcm.ConnectionInfo;
import dev.ipcm.internal.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Spawn, send, receive and destroy, each command in a JVM of its own, as from a shell, on file and SQLite stores. */
class CrossProcessTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"MessageFiles", "JSONFile", "SQLite"})
    void aStoreIsSharedBySeparateCommands(String protocol) throws Exception {
        Cli.Result spawn = CliProcess.run("spawn", "--protocol", protocol);
        assertThat(spawn.code()).as(spawn.toString()).isZero();
        assertThat(spawn.out().lines()).hasSize(1);
        String info = spawn.line();
        Path route = Path.of(ConnectionInfo.parse(info).route());
        assertThat(info).startsWith("[\"IPC::Manager::Client::" + protocol + "\",\"IPC::Manager::Serializer::JSON\",");
        assertThat(Files.exists(route)).as("the store outlives the spawn command").isTrue();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(route))).matches("rw[x-]------");
        CliProcess recv = CliProcess.start("recv", info, "--name", "bob", "--count", "2", "--timeout", "120");
        try {

            Cli.Result send = CliProcess.run("send", info, "--from", "alice", "--to", "bob", "--wait", "120",
                    "{\"n\":1,\"text\":\"caf\u00e9\"}");
            assertThat(send.code()).as(send.toString()).isZero();

            // The first line is out while recv still waits for the second message: it was flushed.
            JsonNode first = Json.decode(recv.nextLine());
            assertThat(recv.isAlive()).isTrue();
            assertThat(first.get("from").asText()).isEqualTo("alice");
            assertThat(first.get("to").asText()).isEqualTo("bob");
            assertThat(first.get("id").asText()).isNotEmpty();
            assertThat(first.get("content")).isEqualTo(Json.decode("{\"n\":1,\"text\":\"caf\u00e9\"}"));

            Cli.Result peers = CliProcess.run("peers", info);
            assertThat(peers.code()).as(peers.toString()).isZero();
            assertThat(peers.out()).isEqualTo("bob\n");

            Cli.Result broadcast = CliProcess.run("broadcast", info, "--from", "carol", "[2]");
            assertThat(broadcast.code()).as(broadcast.toString()).isZero();

            JsonNode second = Json.decode(recv.nextLine());
            assertThat(second.get("from").asText()).isEqualTo("carol");
            assertThat(second.get("broadcast").asInt()).isEqualTo(1);
            assertThat(second.get("content")).isEqualTo(Json.decode("[2]"));
            Cli.Result recvEnd = recv.await();
            assertThat(recvEnd.code()).as(recvEnd.toString()).isZero();
            assertThat(recvEnd.err()).isEmpty();
        } finally {
            recv.kill(); // only matters when the scenario failed half-way: it must not outlive the test
            Cli.Result destroy = CliProcess.run("destroy", info);
            assertThat(destroy.code()).as(destroy.toString()).isZero();
        }
        assertThat(Files.exists(route)).isFalse();
        Cli.Result again = CliProcess.run("destroy", info);
        assertThat(again.code()).isEqualTo(2);
        assertThat(again.err()).startsWith("ipcm destroy: There is no " + protocol + " store at '" + route + "'");
    }

    @Test
    void recvInItsOwnProcessTimesOutWithExitCode3() {
        String info = CliProcess.run("spawn", "--protocol", "MessageFiles").line();
        try {
            Cli.Result r = CliProcess.run("recv", info, "--name", "bob", "--timeout", "0.5");
            assertThat(r.code()).as(r.toString()).isEqualTo(3);
            assertThat(r.out()).isEmpty();
            assertThat(r.err()).isEqualTo("ipcm recv: timed out after 0.5s with 0 of 1 message(s) received\n");
        } finally {
            assertThat(Cli.inProcess().run("destroy", info).code()).isZero();
        }
    }

    @Test
    void localMemoryCannotCrossProcessesAndTheCommandSaysSo() {
        Cli.Result spawn = CliProcess.run("spawn", "--protocol", "LocalMemory");
        assertThat(spawn.code()).as(spawn.toString()).isEqualTo(2);
        assertThat(spawn.out()).isEmpty();
        assertThat(spawn.err()).isEqualTo("ipcm spawn: The LocalMemory protocol keeps its store inside one JVM: "
                + "a store spawned by 'ipcm spawn' would vanish when the command exits; "
                + "spawn a cross-process protocol instead, e.g. --protocol MessageFiles\n");

        // A LocalMemory store of this test JVM is real, and still out of another process's reach.
        String info = Cli.inProcess().run("spawn", "--protocol", "LocalMemory").line();
        try {
            Cli.Result send = CliProcess.run("send", info, "--from", "alice", "--to", "bob", "1");
            assertThat(send.code()).as(send.toString()).isEqualTo(2);
            assertThat(send.err().lines()).singleElement().asString()
                    .startsWith("ipcm send: The LocalMemory store 'localmemory-")
                    .contains("lives only inside the JVM that spawned it, and each ipcm command runs in a JVM of its own");
        } finally {
            assertThat(Cli.inProcess().run("destroy", info).code()).isZero();
        }
    }
}
