package dev.ipcm.protocol.db;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ipcm.Client;
import dev.ipcm.Message;
import dev.ipcm.Store;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Behaviour of stores on a database server, mixed into each server target's test class. */
interface ServerStoreTests {
    Store store();

    DbTargets target();

    /** Kills, from the server side, every connection to the store's database but the caller's. */
    default void killOtherConnections() throws SQLException {
        kill(target(), store(), Set.of());
    }

    /** Kills, from the server side, every connection to the store's database but {@code spared} ones. */
    static void kill(DbTargets target, Store store, Set<Connection> spared) throws SQLException {
        boolean pg = target.dialect() instanceof PostgreSQLDialect;
        Set<Long> keep = new HashSet<>();
        for (Connection c : spared) {
            keep.add(sessionId(c, pg));
        }
        try (Connection c = DbTargets.raw(target.protocol, store.route()); Statement s = c.createStatement()) {
            keep.add(sessionId(c, pg));
            List<Long> ids = new ArrayList<>();
            try (ResultSet rs = s.executeQuery(pg
                    ? "SELECT pid FROM pg_stat_activity WHERE datname = current_database()"
                    : "SELECT id FROM information_schema.processlist WHERE db = DATABASE()")) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
            ids.removeAll(keep);
            assertThat(ids).as("client connections to kill").isNotEmpty();
            for (long id : ids) {
                try {
                    // a number read from the server, not text from a message
                    s.execute(pg ? "SELECT pg_terminate_backend(" + id + ")" : "KILL " + id);
                } catch (SQLException gone) {
                    // The connection ended by itself meanwhile.
                }
            }
        }
    }

    private static long sessionId(Connection c, boolean pg) throws SQLException {
        try (Statement v = c.createStatement();
                ResultSet rs = v.executeQuery(pg ? "SELECT pg_backend_pid()" : "SELECT CONNECTION_ID()")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * The receive's connection is killed just before its commit: the commit fails, the client
     * finds the rows still stored (the transaction rolled back), reads them again on a new
     * connection, and returns each message once.
     */
    @Test
    default void aConnectionKilledAtCommitRollsBackAndTheReceiveIsRetried() {
        String a = AbstractDbStoreTest.unique("commit-a");
        String b = AbstractDbStoreTest.unique("commit-b");
        try (Client ca = store().connect(a); Client cb = store().connect(b)) {
            Set<String> sent = new HashSet<>();
            for (int i = 0; i < 10; i++) {
                sent.add(ca.send(b, i).id().toLowerCase());
            }
            boolean[] fired = {false};
            Faults.beforeCommit = c -> {
                fired[0] = true;
                killFromOutside(c);
            };
            List<Message> got;
            try {
                got = cb.receive();
            } finally {
                Faults.beforeCommit = null;
            }
            assertThat(fired[0]).as("the fault ran").isTrue();
            assertThat(got).extracting(m -> m.id().toLowerCase()).containsExactlyInAnyOrderElementsOf(sent);
            assertThat(cb.receive()).isEmpty();
        }
    }

    /** Kills one connection from another, the way an administrator or a server restart would. */
    private void killFromOutside(Connection victim) {
        try (Connection admin = DbTargets.raw(target().protocol, store().route()); Statement s = admin.createStatement()) {
            boolean pg = target().dialect() instanceof PostgreSQLDialect;
            long id = sessionId(victim, pg);
            s.execute(pg ? "SELECT pg_terminate_backend(" + id + ")" : "KILL " + id); // a number the server gave
        } catch (SQLException e) {
            throw new AssertionError("could not kill the receiving connection", e);
        }
    }

    @Test
    default void connectionsKilledServerSideMidStreamReconnectAndLoseNothing() throws SQLException {
        String a = AbstractDbStoreTest.unique("killed-a");
        String b = AbstractDbStoreTest.unique("killed-b");
        Set<String> sent = new HashSet<>();
        List<String> received = new ArrayList<>();
        try (Client ca = store().connect(a); Client cb = store().connect(b)) {
            for (int round = 0; round < 6; round++) {
                for (int i = 0; i < 20; i++) {
                    sent.add(ca.send(b, Map.of("round", round, "i", i)).id().toLowerCase());
                }
                if (round % 2 == 0) {
                    killOtherConnections();
                }
                for (Message m : cb.receive()) {
                    received.add(m.id().toLowerCase());
                }
            }
            while (received.size() < sent.size()) {
                List<Message> got = cb.awaitMessages(AbstractDbStoreTest.WAIT);
                if (got.isEmpty()) {
                    break;
                }
                got.forEach(m -> received.add(m.id().toLowerCase()));
            }
        }
        assertThat(received).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(sent);
    }
}
