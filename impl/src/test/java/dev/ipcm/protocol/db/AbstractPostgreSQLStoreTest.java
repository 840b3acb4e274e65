package dev.ipcm.protocol.db;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ipcm.Capability;
import dev.ipcm.Client;
import dev.ipcm.Message;
import dev.ipcm.Store;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** PostgreSQL specifics, on a configured server and on a temporary one. */
abstract class AbstractPostgreSQLStoreTest extends AbstractDbStoreTest implements ManyWritersTests, ReceiverCrashTests, ServerStoreTests,
        LivenessTokenTests {
    @Override
    public Store store() {
        return store;
    }

    @Override
    List<String> expectedColumns() {
        return List.of("ipcm_peers.id character varying(512)", "ipcm_peers.pid integer", "ipcm_peers.active numeric",
                "ipcm_peers.stats bytea", "ipcm_peers.suspend_expires numeric",
                "ipcm_messages.id uuid", "ipcm_messages.to character varying(512)",
                "ipcm_messages.from character varying(512)", "ipcm_messages.stamp numeric",
                "ipcm_messages.content bytea", "ipcm_messages.broadcast boolean");
    }

    @Override
    List<String> actualColumns(Connection c) throws SQLException {
        List<String> out = new ArrayList<>();
        for (String table : List.of("ipcm_peers", "ipcm_messages")) {
            try (PreparedStatement ps = c.prepareStatement("SELECT column_name, data_type, character_maximum_length "
                    + "FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = ? "
                    + "ORDER BY ordinal_position")) {
                ps.setString(1, table);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String len = rs.getString(3);
                        out.add(table + "." + rs.getString(1) + " " + rs.getString(2) + (len == null ? "" : "(" + len + ")"));
                    }
                }
            }
        }
        return out;
    }

    /**
     * pgjdbc creates the listener's sockets from the class name in its {@code socketFactory}
     * property; a wrong name would not fail a receive, only slow every wake-up to the back-off.
     */
    @Test
    void theListenerConnectsThroughThePromptPeekSockets() throws SQLException {
        DbLocation location = DbLocation.parse(store.route(), false);
        DbCredentials credentials = DbCredentials.resolve(Map.of(), location);
        JdbcTarget listener = PostgreSQLDialect.listenerTarget(PostgreSQLDialect.INSTANCE.target(location, credentials));
        assertThat(listener.properties().getProperty("socketFactory"))
                .startsWith("dev.ipcm.protocol.db.jdbc.PromptPeek").endsWith("SocketFactory");
        try (Connection c = DriverManager.getConnection(listener.url(), listener.properties())) {
            assertThat(c.isValid(5)).isTrue();
        }
    }

    @Test
    void foreignKeysCascadeAsInTheReference() throws SQLException {
        assertThat(rows("SELECT conname, confdeltype FROM pg_constraint WHERE conrelid = 'ipcm_messages'::regclass "
                + "AND contype = 'f' ORDER BY conname"))
                .containsExactly("ipcm_messages_from_fkey c", "ipcm_messages_to_fkey c");
    }

    @Test
    void stampsAreExactDecimalsAndIdsArriveAsSentThoughTheColumnLowerCasesThem() throws SQLException {
        String a = unique("numeric-a");
        String b = unique("numeric-b");
        try (Client ca = store.connect(a); Client cb = store.connect(b)) {
            Message sent = ca.send(b, 1);
            try (Connection c = raw(); PreparedStatement ps = c.prepareStatement(
                    "SELECT \"stamp\"::text, \"id\"::text FROM ipcm_messages WHERE \"to\" = ?")) {
                ps.setString(1, b);
                try (ResultSet rs = ps.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString(1)).isEqualTo(sent.stamp().toPlainString());
                    assertThat(rs.getString(2)).isEqualTo(sent.id().toLowerCase());
                }
            }
            Message got = receiveAtLeast(cb, 1).get(0);
            assertThat(got.stamp()).isEqualByComparingTo(sent.stamp());
            assertThat(got.id()).as("the id a receiver gets: the sender's upper-case spelling").isEqualTo(sent.id());
        }
    }

    /** A send notifies the recipient's name on the channel, and a waiting receiver wakes; the capability says so. */
    @Test
    void aSendNotifiesAndWakesAWaitingReceiver() throws Exception {
        assertThat(store.capabilities().has(Capability.MESSAGE_WAKEUP)).isTrue();
        String a = unique("notify-a");
        String b = unique("notify-b");
        try (Client ca = store.connect(a); Client cb = store.connect(b); Connection listener = raw()) {
            try (java.sql.Statement s = listener.createStatement()) {
                s.execute("LISTEN " + SqlStore.CHANNEL);
            }
            CompletableFuture<List<Message>> waiting = CompletableFuture.supplyAsync(() -> cb.awaitMessages(WAIT));
            // Wait (with a deadline) until the receiver is parked on its listener before sending.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!listening(b) && System.nanoTime() < deadline) {
                java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
            }
            ca.send(b, Map.of("wake", true));
            assertThat(waiting.get(WAIT.toSeconds(), TimeUnit.SECONDS)).singleElement()
                    .satisfies(m -> assertThat(m.content().get("wake").asBoolean()).isTrue());
            org.postgresql.PGNotification[] got = listener.unwrap(org.postgresql.PGConnection.class)
                    .getNotifications((int) WAIT.toMillis());
            assertThat(got).isNotNull().extracting(org.postgresql.PGNotification::getParameter).contains(b);
        }
    }

    private boolean listening(String client) throws SQLException {
        try (Connection c = raw(); PreparedStatement ps = c.prepareStatement(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN%'")) {
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getInt(1) > 0;
            }
        }
    }
}
