package dev.ipcm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ipcm.Client;
import dev.ipcm.ConnectionInfo;
import dev.ipcm.Ipcm;
import dev.ipcm.Message;
import dev.ipcm.NoSuchPeerException;
import dev.ipcm.internal.Json;
import dev.ipcm.spi.Protocols;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every command run inside the test JVM on a LocalMemory store, which lives as long as the JVM. */
class InProcessCommandsTest {
    private final Cli cli = Cli.inProcess();
    private String info;

    @BeforeEach
    void spawn() {
        Cli.Result r = cli.run("spawn", "--protocol", "LocalMemory");
        assertThat(r.code()).as(r.toString()).isZero();
        info = r.line();
    }

    @AfterEach
    void destroy() {
        if (storeExists()) {
            assertThat(cli.run("destroy", info).code()).isZero();
        }
    }

    @Test
    void spawnPrintsTheInfoStringAloneOnOneLine() {
        assertThat(info).doesNotContain("\n");
        assertThat(info).startsWith("[\"IPC::Manager::Client::LocalMemory\",\"IPC::Manager::Serializer::JSON\",");
        assertThat(ConnectionInfo.parse(info).route()).startsWith("localmemory-");
    }

    @Test
    void spawnTakesASerializerByNameOrSpec() {
        Cli.Result zstd = cli.run("spawn", "--protocol", "IPC::Manager::Client::LocalMemory",
                "--serializer", "[\"JSON::Zstd\",\"level\",9]");
        assertThat(zstd.code()).as(zstd.toString()).isZero();
        assertThat(zstd.line()).contains("[\"IPC::Manager::Serializer::JSON::Zstd\",\"level\",9]");
        assertThat(cli.run("destroy", zstd.line()).code()).isZero();
    }

    @Test
    void sendThenRecvPrintsTheMessageAsOneJsonLine() throws Exception {
        CompletableFuture<Cli.Result> recv = recvAsync("bob", "--timeout", "30");
        awaitPeer("bob");
        Cli.Result send = cli.run("send", info, "--from", "alice", "--to", "bob", "{\"n\":1,\"text\":\"h\u00e9\"}");
        assertThat(send.code()).as(send.toString()).isZero();
        assertThat(send.out()).isEmpty();

        Cli.Result r = recv.get(60, TimeUnit.SECONDS);
        assertThat(r.code()).as(r.toString()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines).hasSize(1);
        JsonNode m = Json.decode(lines.get(0));
        assertThat(m.get("from").asText()).isEqualTo("alice");
        assertThat(m.get("to").asText()).isEqualTo("bob");
        assertThat(m.get("id").asText()).isNotEmpty();
        assertThat(m.get("content")).isEqualTo(Json.decode("{\"n\":1,\"text\":\"h\u00e9\"}"));
    }

    @Test
    void recvStopsAfterCountAndReportsWhatItDidNotPrint() throws Exception {
        try (Client alice = Ipcm.connect("alice", info)) {
            CompletableFuture<Cli.Result> recv = recvAsync("bob", "--count", "2", "--timeout", "30");
            awaitPeer("bob");
            // Sent in a burst, the three may reach bob in one read; then only two are printed and the third
            // is reported. If bob reads sooner it leaves after two, and the third finds nobody.
            alice.send("bob", 1);
            alice.send("bob", 2);
            String third;
            try {
                third = alice.send("bob", 3).id();
            } catch (NoSuchPeerException e) {
                third = null;
            }
            Cli.Result r = recv.get(60, TimeUnit.SECONDS);
            assertThat(r.code()).as(r.toString()).isZero();
            assertThat(r.out().lines().map(l -> Json.decode(l).get("content").asInt()).toList()).containsExactly(1, 2);
            if (!r.err().isEmpty()) {
                assertThat(r.err()).isEqualTo("ipcm: warning: 1 message(s) for 'bob' were not printed and are dropped "
                        + "as it leaves the store: " + third + " from alice\n");
            }
        }
    }

    @Test
    void recvTimesOutWithExitCode3AndAReason() {
        Cli.Result r = cli.run("recv", info, "--name", "bob", "--timeout", "0.2");
        assertThat(r.code()).as(r.toString()).isEqualTo(3);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().lines()).containsExactly("ipcm recv: timed out after 0.2s with 0 of 1 message(s) received");
    }

    @Test
    void recvLeavesWhenTheStoreShutsDown() throws Exception {
        CompletableFuture<Cli.Result> recv = recvAsync("bob", "--count", "5", "--timeout", "30");
        awaitPeer("bob");
        try (Client owner = Ipcm.connect("owner", info)) {
            owner.send("bob", "first");
            owner.send("bob", Json.decode("{\"terminate\":1}"));
            Cli.Result r = recv.get(60, TimeUnit.SECONDS);
            assertThat(r.code()).as(r.toString()).isEqualTo(3);
            assertThat(r.out().lines()).hasSize(2);
            assertThat(r.err()).contains("the store is shutting down (terminate message from 'owner') after 2 of 5");
        }
    }

    @Test
    void sendWaitsForAPeerThatAppearsLater() throws Exception {
        CompletableFuture<Cli.Result> send = Background.supply(
                () -> cli.run("send", info, "--from", "alice", "--to", "late", "--wait", "30", "\"hi\""));
        awaitPeer("alice"); // the sender is connected and waiting before the peer exists
        Cli.Result recv = cli.run("recv", info, "--name", "late", "--timeout", "30");
        assertThat(recv.code()).as(recv.toString()).isZero();
        assertThat(Json.decode(recv.line()).get("content").asText()).isEqualTo("hi");
        assertThat(send.get(60, TimeUnit.SECONDS).code()).isZero();
    }

    @Test
    void sendWithWaitGivesUpWhenThePeerNeverComes() {
        Cli.Result r = cli.run("send", info, "--from", "alice", "--to", "nobody", "--wait", "0.2", "1");
        assertThat(r.code()).as(r.toString()).isEqualTo(2);
        assertThat(r.err().lines()).singleElement().asString()
                .isEqualTo("ipcm send: Peer 'nobody' did not appear on the store within 0.2s; "
                        + "start its receiver, or wait longer with --wait");
    }

    @Test
    void broadcastReachesEveryPeer() throws Exception {
        try (Client bob = Ipcm.connect("bob", info); Client carol = Ipcm.connect("carol", info)) {
            Cli.Result r = cli.run("broadcast", info, "--from", "alice", "[1,2]");
            assertThat(r.code()).as(r.toString()).isZero();
            assertThat(r.err()).isEmpty();
            for (Client c : List.of(bob, carol)) {
                List<dev.ipcm.Message> got = c.awaitMessages(Duration.ofSeconds(10));
                assertThat(got).singleElement().satisfies(m -> {
                    assertThat(m.from()).isEqualTo("alice");
                    assertThat(m.isBroadcast()).isTrue();
                    assertThat(m.content()).isEqualTo(Json.decode("[1,2]"));
                });
            }
        }
    }

    @Test
    void broadcastWithNobodyThereWarns() {
        Cli.Result r = cli.run("broadcast", info, "--from", "alice", "1");
        assertThat(r.code()).isZero();
        assertThat(r.err()).isEqualTo("ipcm: warning: no other client is on the store; nothing was sent\n");
    }

    @Test
    void peersListsOnePerLineSorted() {
        try (Client b = Ipcm.connect("bob", info); Client a = Ipcm.connect("alice", info)) {
            Cli.Result r = cli.run("peers", info);
            assertThat(r.code()).as(r.toString()).isZero();
            assertThat(r.out()).isEqualTo("alice\nbob\n");
        }
        assertThat(cli.run("peers", info, "--name", "looker").out()).isEmpty();
    }

    /** A LocalMemory store records no host: every peer is in this process. */
    @Test
    void peersLongShowsPidAndHost() {
        try (Client b = Ipcm.connect("bob", info)) {
            Cli.Result r = cli.run("peers", info, "--long");
            assertThat(r.code()).as(r.toString()).isZero();
            assertThat(r.out()).isEqualTo("bob\t" + ProcessHandle.current().pid() + "\t-\n");
        }
    }

    @Test
    void peersLooksUnderAnotherNameWhenTheDefaultIsTaken() {
        try (Client other = Ipcm.connect(PeersCommand.DEFAULT_NAME, info)) {
            Cli.Result r = cli.run("peers", info);
            assertThat(r.code()).as(r.toString()).isZero();
            assertThat(r.out()).isEqualTo(PeersCommand.DEFAULT_NAME + "\n");
        }
    }

    @Test
    void destroyRemovesTheStoreAndRefusesASecondTime() {
        assertThat(cli.run("destroy", info).code()).isZero();
        Cli.Result again = cli.run("destroy", info);
        assertThat(again.code()).isEqualTo(2);
        assertThat(again.err().lines()).singleElement().asString()
                .startsWith("ipcm destroy: There is no LocalMemory store at 'localmemory-")
                .endsWith("nothing to destroy");
    }

    @Test
    void destroyRemovesTheStoreOnlyAfterAClientThatWasToldToStopHasLeft() throws Exception {
        Client holder = Ipcm.connect("holder", info);
        CompletableFuture<Boolean> leftCleanly = Background.supply(() -> {
            List<Message> got = holder.awaitMessages(Duration.ofSeconds(30));
            boolean terminated = got.stream().anyMatch(m -> m.content().path("terminate").asInt() == 1);
            // A service finishing its last piece of work before it leaves: the pause is that work.
            LockSupport.parkNanos(Duration.ofMillis(300).toNanos());
            boolean storeStillThere = storeExists();
            holder.disconnect(messages -> { });
            return terminated && storeStillThere;
        });
        Cli.Result r = cli.run("destroy", info);
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.err()).as(r.toString()).isEmpty();
        assertThat(leftCleanly.get(30, TimeUnit.SECONDS)).as("terminated, and the store was there until it left").isTrue();
    }

    @Test
    void destroyRemovesTheStoreUnderAClientThatStaysConnectedAndNamesIt() {
        try (Client stayer = Ipcm.connect("stayer", info)) {
            Cli.Result r = cli.run("destroy", info, "--timeout", "0.2");
            assertThat(r.code()).as(r.toString()).isZero();
            assertThat(r.err()).isEqualTo("ipcm: warning: still connected after 0.2s, removing the store anyway: stayer "
                    + "(give them longer with --timeout SECONDS)\n");
            assertThat(storeExists()).isFalse();
        }
    }

    @Test
    void credentialsComeFromOptionsOrElseTheEnvironment() {
        Cli withEnv = Cli.inProcess().env("IPCM_DB_USER", "envuser").env("IPCM_DB_PASSWORD", "envpass");
        Cli.Result spawned = withEnv.run("spawn", "--protocol", "Recording", "--param", "template=x");
        assertThat(spawned.code()).as(spawned.toString()).isZero();
        String recording = spawned.line();
        try {
            assertThat(RecordingProtocol.SPAWN_PARAMS.get(ConnectionInfo.parse(recording).route()))
                    .containsEntry("user", "envuser").containsEntry("password", "envpass").containsEntry("template", "x");

            assertThat(withEnv.run("peers", recording, "--name", "p1").code()).isZero();
            assertThat(RecordingProtocol.CONNECT_PARAMS.get("p1")).isEqualTo(
                    java.util.Map.of("user", "envuser", "password", "envpass"));

            assertThat(withEnv.run("peers", recording, "--name", "p2", "--user", "u", "--password", "p").code()).isZero();
            assertThat(RecordingProtocol.CONNECT_PARAMS.get("p2")).isEqualTo(java.util.Map.of("user", "u", "password", "p"));

            assertThat(Cli.inProcess().run("peers", recording, "--name", "p3").code()).isZero();
            assertThat(RecordingProtocol.CONNECT_PARAMS.get("p3")).isEmpty();
        } finally {
            assertThat(cli.run("destroy", recording).code()).isZero();
        }
    }

    private boolean storeExists() {
        ConnectionInfo parsed = ConnectionInfo.parse(info);
        return Protocols.byName(parsed.protocol()).storeExists(parsed.route());
    }

    private CompletableFuture<Cli.Result> recvAsync(String name, String... more) {
        String[] args = new String[4 + more.length];
        args[0] = "recv";
        args[1] = info;
        args[2] = "--name";
        args[3] = name;
        System.arraycopy(more, 0, args, 4, more.length);
        return Background.supply(() -> cli.run(args));
    }

    /** Waits, with a deadline, until {@code name} is on the store. */
    private void awaitPeer(String name) {
        try (Client watcher = Ipcm.connect("watcher-" + System.nanoTime(), info)) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!watcher.peerExists(name)) {
                assertThat(System.nanoTime()).as("peer %s did not appear", name).isLessThan(deadline);
                watcher.awaitPeerChange(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            }
        }
    }
}
