package dev.ipcm.protocol.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ipcm.Client;
import dev.ipcm.NameTakenException;
import dev.ipcm.PeerHost;
import dev.ipcm.Store;
import dev.ipcm.internal.Stamps;
import dev.ipcm.os.HostIdentity;
import dev.ipcm.os.Os;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Liveness from the server (docs/protocols/databases.md, "Across machines"), mixed into each
 * server target's test class: a peer row recorded by a Java client is alive exactly while its
 * token is held, whatever runs under its pid here; a row nobody recorded (a Perl peer) is judged
 * by its pid, as before.
 */
interface LivenessTokenTests {
    Store store();

    DbTargets target();

    /** A peer row as a client on another host writes it, with its liveness record; returns the row's connect time. */
    private BigDecimal registerForeign(Connection c, String name, long pid) throws SQLException {
        Dialect d = target().dialect();
        BigDecimal now = Stamps.now();
        new SqlStore(d).insertPeer(c, name, pid, now);
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO ipcm_liveness(" + d.q("id") + ", " + d.q("pid")
                + ", " + d.q("active") + ", " + d.q("host_id") + ", " + d.q("host_name") + ") VALUES (?, ?, ?, ?, ?)")) {
            ps.setString(1, name);
            ps.setInt(2, (int) pid);
            d.bindSeconds(ps, 3, now);
            ps.setString(4, "another-boot-id/pid:1");
            ps.setString(5, "host-b");
            ps.executeUpdate();
        }
        return now;
    }

    /** Makes {@code name}'s liveness record say it runs on another host, as a client there would have written it. */
    private void moveToAnotherHost(Connection c, String name) throws SQLException {
        Dialect d = target().dialect();
        try (PreparedStatement ps = c.prepareStatement("UPDATE ipcm_liveness SET " + d.q("host_id") + " = ?, "
                + d.q("host_name") + " = ? WHERE " + d.q("id") + " = ?")) {
            ps.setString(1, "another-boot-id/pid:1");
            ps.setString(2, "host-b");
            ps.setString(3, name);
            assertThat(ps.executeUpdate()).as("records of " + name).isEqualTo(1);
        }
    }

    /** Whether a sweep stamped {@code name}'s token free and the stamp is still there. */
    private boolean stampedFree(Connection c, String name) throws SQLException {
        return new TokenFreeSince(target().dialect()).all(c).containsKey(name);
    }

    private Connection raw() {
        return DbTargets.raw(target().protocol, store().route());
    }

    /**
     * The token is its client's: taken at connect, seen held by another session, and a second
     * client of the name is refused while the first lives.
     */
    @Test
    default void aJavaClientHoldsItsTokenWhileConnected() throws SQLException {
        String name = AbstractDbStoreTest.unique("token");
        try (Client a = store().connect(name); Connection c = raw()) {
            assertThat(target().dialect().tokens().held(c, List.of(name, name + "-none"))).containsExactly(name);
            assertThat(new ServerLiveness(target().dialect()).owner(c, name))
                    .isEqualTo(new ServerLiveness.Owner(HostIdentity.local().id(), HostIdentity.local().name(), true));
            assertThatThrownBy(() -> store().connect(name)).isInstanceOf(NameTakenException.class);
        }
        try (Connection c = raw()) {
            assertThat(target().dialect().tokens().held(c, List.of(name))).as("released at disconnect").isEmpty();
        }
    }

    /**
     * A peer of another host whose token is free is gone, even though its recorded pid is a
     * running process here (this JVM's own): listed nowhere, not active, swept (by a looker without
     * a grace), and its name free.
     */
    @Test
    default void aForeignPeerWithoutItsTokenIsGoneThoughItsPidRunsHere() throws SQLException {
        String ghost = AbstractDbStoreTest.unique("ghost");
        String self = AbstractDbStoreTest.unique("looker");
        try (Client looker = store().connect(self, Map.of(SweepGrace.PARAM, "0"))) {
            try (Connection c = raw()) {
                registerForeign(c, ghost, Os.get().pid());
            }
            assertThat(looker.peerPid(ghost)).hasValue(Os.get().pid());
            assertThat(looker.peerHost(ghost)).hasValue(new PeerHost("another-boot-id/pid:1", "host-b", false));
            assertThat(looker.peerHost(self)).hasValue(
                    new PeerHost(HostIdentity.local().id(), HostIdentity.local().name(), true));
            assertThat(looker.peerActive(ghost)).isFalse();
            assertThat(looker.peers()).doesNotContain(ghost);
            assertThat(looker.peerLeft()).isGreaterThanOrEqualTo(1);
            assertThat(looker.peerExists(ghost)).as("swept").isFalse();
            try (Client again = store().connect(ghost)) {
                assertThat(again.name()).isEqualTo(ghost);
            }
        }
    }

    /**
     * A peer whose token another session holds is alive although its pid runs nowhere here: listed,
     * active, never swept, and its name refused.
     */
    @Test
    default void aForeignPeerHoldingItsTokenIsAliveThoughItsPidIsNoProcessHere() throws SQLException {
        String remote = AbstractDbStoreTest.unique("remote");
        String self = AbstractDbStoreTest.unique("looker");
        long noSuchPid = 4_194_303; // the largest pid Linux allows: no process here has it
        try (Client looker = store().connect(self); Connection c = raw()) {
            assertThat(Os.get().isRunning(noSuchPid)).isFalse();
            registerForeign(c, remote, noSuchPid);
            assertThat(target().dialect().tokens().take(c, remote)).isTrue();
            assertThat(looker.peerActive(remote)).isTrue();
            assertThat(looker.peers()).contains(remote);
            looker.peerLeft();
            assertThat(looker.peerExists(remote)).as("not swept").isTrue();
            assertThatThrownBy(() -> store().connect(remote)).isInstanceOf(NameTakenException.class)
                    .hasMessageContaining("token");
        }
    }

    /** A row no Java client recorded (as a Perl peer writes it) is judged by its pid here, as before. */
    @Test
    default void aPeerWithoutARecordIsJudgedByItsPid() throws SQLException {
        String perl = AbstractDbStoreTest.unique("perl-like");
        String dead = AbstractDbStoreTest.unique("perl-dead");
        String self = AbstractDbStoreTest.unique("looker");
        try (Client looker = store().connect(self); Connection c = raw()) {
            SqlStore sql = new SqlStore(target().dialect());
            sql.insertPeer(c, perl, Os.get().pid(), Stamps.now());
            sql.insertPeer(c, dead, 4_194_303, Stamps.now());
            assertThat(looker.peerActive(perl)).isTrue();
            assertThat(looker.peerActive(dead)).isFalse();
            assertThat(looker.peers()).contains(perl).doesNotContain(dead);
            assertThat(looker.peerHost(perl)).as("no host recorded").isEmpty();
            sql.unregister(c, perl);
        }
    }

    /**
     * A client whose session the server ended takes its token again on the new one; when another
     * session took it meanwhile, the client's next call is refused with {@link NameTakenException}.
     */
    @Test
    default void aCutSessionRetakesItsTokenOrIsRefusedWhenTheNameWasTaken() throws SQLException {
        String a = AbstractDbStoreTest.unique("cut-a");
        String b = AbstractDbStoreTest.unique("cut-b");
        LivenessTokens tokens = target().dialect().tokens();
        try (Client ca = store().connect(a); Client cb = store().connect(b)) {
            ServerStoreTests.kill(target(), store(), Set.of());
            ca.send(b, "after the cut");
            assertThat(cb.awaitMessages(AbstractDbStoreTest.WAIT)).extracting(m -> m.content().asText())
                    .containsExactly("after the cut");
            try (Connection c = raw()) {
                assertThat(tokens.held(c, List.of(a, b))).containsExactlyInAnyOrder(a, b);
            }
            try (Connection thief = raw()) {
                ServerStoreTests.kill(target(), store(), Set.of(thief));
                // The old session ends a moment after the kill returns; the thief takes the token once it is free.
                assertThat(AbstractDbStoreTest.eventually(() -> tokens.take(thief, a))).isTrue();
                assertThatThrownBy(() -> ca.send(b, "too late")).isInstanceOf(NameTakenException.class)
                        .hasMessageContaining("took the name");
                // The thief leaves as a client does: the row no longer names this JVM's pid, so the
                // store's close has no live peer of its own to wait for.
                Dialect d = target().dialect();
                try (PreparedStatement ps = thief.prepareStatement("UPDATE ipcm_peers SET " + d.q("pid") + " = NULL, "
                        + d.q("active") + " = NULL WHERE " + d.q("id") + " = ?")) {
                    ps.setString(1, a);
                    assertThat(ps.executeUpdate()).as("the thief's row").isEqualTo(1);
                }
            }
        }
    }

    /**
     * A client of "another host" whose session the server cut is reported gone while its token is
     * free, but a sweep within the grace keeps its row and inbox: once it makes a call it
     * reconnects, takes its token back (clearing the sweep's stamp) and gets the mail that waited.
     */
    @Test
    default void aCutClientIsGoneButNotSweptWithinTheGraceAndGetsItsMail() throws SQLException {
        String away = AbstractDbStoreTest.unique("away");
        String self = AbstractDbStoreTest.unique("looker");
        try (Client cut = store().connect(away); Client looker = store().connect(self); Connection c = raw()) {
            moveToAnotherHost(c, away);
            ServerStoreTests.kill(target(), store(), Set.of(c));
            // The server ends the cut session a moment after the kill; the client makes no call, so its token stays free.
            assertThat(AbstractDbStoreTest.eventually(() -> !looker.peerActive(away))).as("seen gone").isTrue();
            assertThat(looker.peers()).doesNotContain(away);
            looker.send(away, "kept");
            looker.peerLeft();
            looker.peerLeft();
            assertThat(looker.peerExists(away)).as("not swept within the grace").isTrue();
            assertThat(stampedFree(c, away)).as("free-since stamped").isTrue();
            assertThat(cut.awaitMessages(AbstractDbStoreTest.WAIT)).extracting(m -> m.content().asText())
                    .containsExactly("kept");
            assertThat(looker.peerActive(away)).as("back").isTrue();
            assertThat(stampedFree(c, away)).as("stamp cleared by the owner").isFalse();
        }
    }

    /**
     * A dead peer of "another host" is swept once its token has been free for the grace: the
     * first sweep only stamps the moment, a later one past the grace removes the row and its mail.
     */
    @Test
    default void aDeadForeignPeerIsSweptOnceItsTokenWasFreeForTheGrace() throws SQLException {
        String ghost = AbstractDbStoreTest.unique("ghost");
        String self = AbstractDbStoreTest.unique("looker");
        try (Client looker = store().connect(self, Map.of(SweepGrace.PARAM, "0.5")); Connection c = raw()) {
            registerForeign(c, ghost, 4_194_303);
            looker.send(ghost, "never read");
            assertThat(looker.peerActive(ghost)).isFalse();
            looker.peerLeft();
            assertThat(looker.peerExists(ghost)).as("kept by the sweep that saw it first").isTrue();
            assertThat(AbstractDbStoreTest.eventually(() -> {
                looker.peerLeft();
                return !looker.peerExists(ghost);
            })).as("swept after the grace").isTrue();
            assertThat(stampedFree(c, ghost)).as("stamp removed with the row").isFalse();
        }
    }

    /** A grace that is no number of seconds is refused at connect, naming the parameter. */
    @Test
    default void aBadGraceIsRefused() {
        assertThatThrownBy(() -> store().connect(AbstractDbStoreTest.unique("bad"), Map.of(SweepGrace.PARAM, "-1")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(SweepGrace.PARAM);
    }
}
