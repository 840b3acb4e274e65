package dev.ipcm.protocol.fs;

import static dev.ipcm.protocol.fs.FsTestSupport.deadPid;
import static dev.ipcm.protocol.fs.FsTestSupport.messageFilesInfo;
import static dev.ipcm.protocol.fs.FsTestSupport.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ipcm.Client;
import dev.ipcm.Ipcm;
import dev.ipcm.Message;
import dev.ipcm.NameTakenException;
import dev.ipcm.NoSuchPeerException;
import dev.ipcm.Stats;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A store directory laid down by hand exactly as the Perl reference leaves it
 * (docs/protocols/file-stores.md: "Layout", "Connect, reconnect, suspend"): Java must read it the
 * same way a Perl peer would.
 */
class PerlWrittenDirectoryTest {
    private static final String SLASH = "h-bdd3e041c458db22157cd6aef2470391d8bc9eb9";
    /** pid 1 always runs (kill(1, 0) answers yes, or EPERM, which also counts as running). */
    private static final String LIVE_PID = "1";

    @TempDir
    Path route;
    private long dead;

    @BeforeEach
    void layDownPerlStore() throws Exception {
        dead = deadPid();
        // A live client with a plain name, its pidfile as Perl writes it (no newline).
        Files.createDirectory(route.resolve("alpha"));
        write(route.resolve("alpha.pid"), LIVE_PID);
        // A live client whose id needs hashing: '/' is not allowed in names we create, but one a Perl peer created is listed.
        Files.createDirectory(route.resolve(SLASH));
        write(route.resolve(SLASH + ".name"), "with/slash");
        write(route.resolve(SLASH + ".pid"), LIVE_PID + "\n");
        // A suspended client: directory, no pidfile, a deadline in Perl's number format.
        Files.createDirectory(route.resolve("sleepy"));
        write(route.resolve("sleepy.suspend"), "1795433141.30804");
        write(route.resolve("sleepy.stats"), "{\"sent\":{\"alpha\":3},\"read\":{}}");
        // A client killed with SIGKILL: everything left behind, pidfile naming a dead process.
        Files.createDirectory(route.resolve("ghost"));
        write(route.resolve("ghost.pid"), Long.toString(dead));
        write(route.resolve("ghost.stats"), "{\"read\":{\"alpha\":1},\"sent\":{}}");
        Files.createDirectory(route.resolve("ghost").resolve("x"));
        // Leftovers a reader must ignore: a client being torn down, a hidden file, a pidfile with garbage.
        Files.createDirectory(route.resolve("_gone"));
        write(route.resolve(".hidden"), "");
        Files.createDirectory(route.resolve("weird"));
        write(route.resolve("weird.pid"), "12abc");
        write(route.resolve("weird.suspend"), "1.79E9");
    }

    @Test
    void peersFollowThePerlListingRules() {
        try (Client me = Ipcm.connect("me", messageFilesInfo(route))) {
            assertThat(me.peers()).containsExactly("alpha", "sleepy", "weird", "with/slash");
            assertThat(me.peerExists("ghost")).isTrue();
            assertThat(me.peerPid("ghost")).hasValue(dead);
            assertThat(me.peerActive("ghost")).isFalse();
            assertThat(me.peerPid("with/slash")).hasValue(1);
            assertThat(me.peerActive("alpha")).isTrue();
            assertThat(me.peerPid("sleepy")).isEmpty();
            assertThat(me.peerPid("weird")).isEmpty();
            assertThat(me.peerSuspendExpires("sleepy")).contains(new BigDecimal("1795433141.30804"));
            assertThat(me.peerSuspendExpires("weird")).isEmpty();
            assertThat(me.peerExists("nobody")).isFalse();
        }
    }

    @Test
    void allStatsReadsEveryStatsFile() {
        try (Client me = Ipcm.connect("me", messageFilesInfo(route))) {
            Map<String, Stats> all = me.allStats();
            assertThat(all.get("sleepy").sent()).containsEntry("alpha", 3L);
            assertThat(all.get("ghost").read()).containsEntry("alpha", 1L);
        }
    }

    @Test
    void peerLeftReapsOnlyTheDeadClientWithEverySidecar() throws Exception {
        write(route.resolve("ghost.name"), "ghost");
        write(route.resolve("ghost.resume"), "");
        write(route.resolve("ghost.suspend.pend"), "1");
        try (Client me = Ipcm.connect("me", messageFilesInfo(route))) {
            assertThat(me.peerLeft()).isEqualTo(1);
            try (var s = Files.list(route)) {
                assertThat(s.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("ghost"));
            }
            assertThat(route.resolve("alpha")).isDirectory();
            assertThat(route.resolve("_gone")).isDirectory();
            assertThat(me.peerLeft()).isZero();
        }
    }

    @Test
    void connectTakesOverADeadOwnersInboxButRefusesALiveOrSuspendedOne() throws Exception {
        try (Client ghost = Ipcm.connect("ghost", messageFilesInfo(route))) {
            // The inbox is taken over as it is, with whatever waited in it (docs/decisions.md); the counts start afresh.
            assertThat(route.resolve("ghost").resolve("x")).exists();
            assertThat(ghost.peerPid("ghost")).hasValue(ProcessHandle.current().pid());
            assertThat(ghost.stats().read()).isEmpty();
        }
        assertThatThrownBy(() -> Ipcm.connect("alpha", messageFilesInfo(route))).isInstanceOf(NameTakenException.class)
                .hasMessageContaining("alpha subdir already exists").hasMessageContaining("pid 1");
        assertThatThrownBy(() -> Ipcm.connect("sleepy", messageFilesInfo(route))).isInstanceOf(NameTakenException.class)
                .hasMessageContaining("sleepy subdir already exists");
    }

    @Test
    void reconnectNeedsStatsAnEndpointAndNoLiveOwner() {
        try (Client sleepy = Ipcm.reconnect("sleepy", messageFilesInfo(route))) {
            assertThat(sleepy.stats().sent()).containsEntry("alpha", 3L);
            assertThat(route.resolve("sleepy.suspend")).doesNotExist();
        }
        // No stats but a pidfile: the stats are no obstacle any more (docs/decisions.md); the live pid 1 is.
        assertThatThrownBy(() -> Ipcm.reconnect("alpha", messageFilesInfo(route))).isInstanceOf(NameTakenException.class)
                .hasMessageContaining("already running in pid 1");
        assertThatThrownBy(() -> Ipcm.reconnect("nobody", messageFilesInfo(route))).isInstanceOf(NoSuchPeerException.class)
                .hasMessageContaining("Could not open stats file");
    }

    @Test
    void reconnectRefusesANameRunningElsewhere() throws Exception {
        write(route.resolve("alpha.stats"), "{\"read\":{},\"sent\":{}}");
        assertThatThrownBy(() -> Ipcm.reconnect("alpha", messageFilesInfo(route))).isInstanceOf(NameTakenException.class)
                .hasMessageContaining("Looks like the connection is already running in pid 1");
        write(route.resolve("nodir.stats"), "{\"read\":{},\"sent\":{}}");
        assertThatThrownBy(() -> Ipcm.reconnect("nodir", messageFilesInfo(route))).isInstanceOf(NoSuchPeerException.class)
                .hasMessageContaining("nodir subdir does not exist");
    }

    @Test
    void readsMessageFilesAndAResumeFileWrittenByPerl() throws Exception {
        try (Client me = Ipcm.connect("me", messageFilesInfo(route))) {
            Path inbox = route.resolve("me");
            write(inbox.resolve("C0514F54-3C03-41D9-949D-F808E939D86E.ready"),
                    "{\"to\":\"me\",\"id\":\"C0514F54-3C03-41D9-949D-F808E939D86E\",\"from\":\"alpha\","
                            + "\"content\":{\"hello\":\"w\\u00e9rld\"},\"stamp_ord\":0,\"stamp\":1795433111.30161}");
            write(inbox.resolve("D0514F54-3C03-41D9-949D-F808E939D86E.pend"), "{\"half");
            byte[] record = "{\"to\":\"me\",\"id\":\"E1\",\"from\":\"with/slash\",\"content\":[1],\"stamp\":1795433000.5}"
                    .getBytes(StandardCharsets.US_ASCII);
            Files.write(route.resolve("me.resume"),
                    ByteBuffer.allocate(4 + record.length).putInt(record.length).put(record).array());
            assertThat(me.hasPendingMessages()).isTrue();
            assertThat(me.hasReadyMessages()).isTrue();
            List<Message> got = me.receive();
            assertThat(got).extracting(Message::from).containsExactly("with/slash", "alpha");
            assertThat(got.get(1).content().get("hello").asText()).isEqualTo("w\u00e9rld");
            assertThat(me.stats().read()).containsOnlyKeys("alpha");
            assertThat(me.hasReadyMessages()).isFalse();
            assertThat(me.hasPendingMessages()).isTrue();
            Files.delete(inbox.resolve("D0514F54-3C03-41D9-949D-F808E939D86E.pend"));
        }
    }
}
