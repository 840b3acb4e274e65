package dev.ipcm.protocol.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.ipcm.Client;
import dev.ipcm.CorruptMessageException;
import dev.ipcm.Ipcm;
import dev.ipcm.Message;
import dev.ipcm.NameTakenException;
import dev.ipcm.NoSuchPeerException;
import dev.ipcm.Stats;
import dev.ipcm.Store;
import dev.ipcm.internal.MessageIds;
import dev.ipcm.os.Os;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.opentest4j.TestAbortedException;

/**
 * Database-specific behaviour every SQL store shares, run once per target (a subclass). One store
 * per class keeps temporary servers to one start per class; tests use distinct client names.
 * The generic client contract is tested elsewhere, on every protocol.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AbstractDbStoreTest {
    private static final AtomicInteger NAMES = new AtomicInteger();
    static final Duration WAIT = Duration.ofSeconds(20);

    Store store;

    abstract DbTargets target();

    /** Why the target cannot run here, so that each test reports itself skipped with the reason. */
    private String unavailable;

    @BeforeAll
    void spawnStore() {
        try {
            store = Ipcm.spawn(target().spawnOptions());
        } catch (TestAbortedException e) {
            unavailable = e.getMessage();
        }
    }

    @BeforeEach
    void requireStore() {
        if (unavailable != null) {
            Assumptions.abort(unavailable);
        }
    }

    /** Closes the store; a temporary server's directory must be gone with it. */
    @AfterAll
    void closeStore() {
        if (store == null) {
            return;
        }
        Path serverDir = this instanceof TemporaryServerTests t ? t.serverDir() : null;
        store.close();
        if (serverDir != null) {
            assertThat(serverDir).as("the temporary server's directory after unspawn").doesNotExist();
        }
    }

    /** The rows of a query, each as its columns joined by a space. */
    List<String> rows(String query) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = raw(); PreparedStatement ps = c.prepareStatement(query); ResultSet rs = ps.executeQuery()) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    row.add(rs.getString(i));
                }
                out.add(String.join(" ", row));
            }
        }
        return out;
    }

    /** Something that may throw, looked at again and again. */
    interface Look {
        boolean holds() throws SQLException;
    }

    /** Whether {@code look} holds within {@link #WAIT}, asking again every few milliseconds. */
    static boolean eventually(Look look) throws SQLException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!look.holds()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            java.util.concurrent.locks.LockSupport.parkNanos(java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(5));
        }
        return true;
    }

    static String unique(String base) {
        return base + "-" + NAMES.incrementAndGet();
    }

    Connection raw() {
        return DbTargets.raw(target().protocol, store.route());
    }

    /** Expected {@code (column, declared type)} pairs of both tables, in creation order. */
    abstract List<String> expectedColumns() throws SQLException;

    /** The columns as the database reports them, as {@code table.column type}. */
    abstract List<String> actualColumns(Connection c) throws SQLException;

    @Test
    void schemaHasTheReferenceTablesColumnsAndTypes() throws SQLException {
        try (Connection c = raw()) {
            assertThat(actualColumns(c)).containsExactlyElementsOf(expectedColumns());
        }
    }

    @Test
    void routeIsThePerlForm() {
        String route = store.route();
        switch (target().protocol) {
            case "SQLite" -> assertThat(route).startsWith("/").endsWith(".sqlite");
            case "PostgreSQL" -> assertThat(route).startsWith("dbi:Pg:dbname=");
            default -> assertThat(route).startsWith("dbi:MariaDB:dbname=");
        }
        assertThat(store.info()).startsWith("[\"IPC::Manager::Client::" + target().protocol + "\",");
    }

    @Test
    void rowsHoldWhatAPerlPeerExpects() throws SQLException {
        String a = unique("rows-a");
        String b = unique("rows-b");
        try (Client ca = store.connect(a); Client cb = store.connect(b)) {
            Message sent = ca.send(b, Map.of("x", 1));
            try (Connection c = raw()) {
                String sql = "SELECT " + q("id") + ", " + q("from") + ", " + q("to") + ", " + q("stamp") + ", "
                        + q("content") + ", " + q("broadcast") + " FROM ipcm_messages WHERE " + q("to") + " = ?";
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    ps.setString(1, b);
                    try (ResultSet rs = ps.executeQuery()) {
                        assertThat(rs.next()).isTrue();
                        assertThat(rs.getString(1)).isEqualToIgnoringCase(sent.id());
                        assertThat(rs.getString(2)).isEqualTo(a);
                        assertThat(rs.getString(3)).isEqualTo(b);
                        assertThat(new BigDecimal(rs.getString(4)).doubleValue())
                                .isEqualTo(sent.stamp().doubleValue());
                        assertThat(new String(rs.getBytes(5), StandardCharsets.US_ASCII)).isEqualTo("{\"x\":1}");
                        assertThat(rs.getBoolean(6)).isFalse();
                        assertThat(rs.next()).isFalse();
                    }
                }
                try (PreparedStatement ps = c.prepareStatement("SELECT " + q("pid") + ", " + q("active") + ", "
                        + q("stats") + ", " + q("suspend_expires") + " FROM ipcm_peers WHERE " + q("id") + " = ?")) {
                    ps.setString(1, a);
                    try (ResultSet rs = ps.executeQuery()) {
                        assertThat(rs.next()).isTrue();
                        assertThat(rs.getLong(1)).isEqualTo(Os.get().pid());
                        assertThat(rs.getString(2)).isNotNull();
                        assertThat(rs.getBytes(3)).isNull();
                        assertThat(rs.getString(4)).isNull();
                    }
                }
            }
            assertThat(cb.awaitMessages(WAIT)).extracting(Message::id).singleElement()
                    .satisfies(id -> assertThat(id).isEqualToIgnoringCase(sent.id()));
        }
    }

    @Test
    void sqlShapedNamesAndContentRoundTripUntouched() throws SQLException {
        String evilSender = unique("a'; DROP TABLE ipcm_peers; --");
        String evilReceiver = unique("\"q\" `b` Robert'); DELETE FROM ipcm_messages; -- \uD83D\uDE00");
        List<String> contents = List.of("'; DROP TABLE ipcm_messages; --", "quote ' double \" back ` slash \\ \\\\",
                "nul \u0000 in the middle", "emoji \uD83D\uDE00 and \u00e9", "%_ LIKE wildcards _%");
        try (Client s = store.connect(evilSender); Client r = store.connect(evilReceiver)) {
            for (String content : contents) {
                s.send(evilReceiver, content);
            }
            List<Message> got = receiveAtLeast(r, contents.size());
            assertThat(got).extracting(m -> m.content().textValue()).containsExactlyElementsOf(contents);
            assertThat(got).allSatisfy(m -> {
                assertThat(m.from()).isEqualTo(evilSender);
                assertThat(m.toOrNull()).isEqualTo(evilReceiver);
            });
            assertThat(s.peers()).contains(evilReceiver);
        }
        try (Connection c = raw(); ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM ipcm_peers")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isPositive();
        }
    }

    @Test
    void undecodableRowIsSetAsideAndTheRestDelivered() throws SQLException {
        String a = unique("poison-a");
        String b = unique("poison-b");
        try (Client ca = store.connect(a); Client cb = store.connect(b)) {
            ca.send(b, "before");
            String badId = MessageIds.next();
            byte[] garbage = "{not json".getBytes(StandardCharsets.US_ASCII);
            try (Connection c = raw()) {
                insertRaw(c, badId, a, b, garbage);
            }
            ca.send(b, "after");
            List<Message> got = receiveAtLeast(cb, 2);
            assertThat(got).extracting(m -> m.content().textValue()).containsExactly("before", "after");
            List<CorruptMessageException> corrupt = cb.takeCorruptMessages();
            assertThat(corrupt).singleElement().satisfies(e -> assertThat(e.getMessage())
                    .containsIgnoringCase(badId)
                    .contains(java.util.Base64.getEncoder().encodeToString(garbage)));
            assertThat(cb.hasReadyMessages()).isFalse();
            assertThat(cb.receive()).isEmpty();
        }
    }

    /** A row as another writer may store it (a broadcast copy, a lower-case id) is read like Java's own. */
    @Test
    void aForeignWritersBroadcastRowIsRead() throws SQLException {
        String a = unique("foreign-a");
        String b = unique("foreign-b");
        try (Client ca = store.connect(a); Client cb = store.connect(b)) {
            String id = MessageIds.next().toLowerCase();
            try (Connection c = raw()) {
                insertRaw(c, id, a, b, "{\"y\":2}".getBytes(StandardCharsets.US_ASCII), true);
            }
            Message got = receiveAtLeast(cb, 1).get(0);
            assertThat(got.id()).isEqualToIgnoringCase(id);
            assertThat(got.isBroadcast()).isTrue();
            assertThat(got.from()).isEqualTo(a);
            assertThat(got.content().get("y").asInt()).isEqualTo(2);
            assertThat(cb.stats().read()).containsEntry(a, 1L);
            assertThat(ca.peers()).contains(b);
        }
    }

    /** The recipient check is part of the insert: a missing recipient stores nothing and is named. */
    @Test
    void sendingToAMissingPeerStoresNothing() throws SQLException {
        String a = unique("nobody-a");
        String ghost = unique("nobody-ghost");
        try (Client ca = store.connect(a)) {
            assertThatThrownBy(() -> ca.send(ghost, "lost"))
                    .isInstanceOf(NoSuchPeerException.class)
                    .hasMessageContaining(ghost);
            try (Connection c = raw(); PreparedStatement ps = c.prepareStatement(
                    "SELECT COUNT(*) FROM ipcm_messages WHERE " + q("to") + " = ? OR " + q("from") + " = ?")) {
                ps.setString(1, ghost);
                ps.setString(2, a);
                try (ResultSet rs = ps.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getInt(1)).isZero();
                }
            }
            assertThat(ca.stats().sent()).doesNotContainKey(ghost);
        }
    }

    /** More ids than one DELETE binds are taken in one transaction: every message once, none left. */
    @Test
    void aReceiveOfMoreMessagesThanOneDeleteTakesEveryOneOnce() {
        String a = unique("bulk-a");
        String b = unique("bulk-b");
        int n = SqlStore.CHUNK + 20;
        try (Client ca = store.connect(a); Client cb = store.connect(b)) {
            java.util.Set<String> sent = new java.util.HashSet<>();
            for (int i = 0; i < n; i++) {
                sent.add(ca.send(b, i).id().toLowerCase());
            }
            List<Message> got = cb.receive();
            assertThat(got).extracting(m -> m.id().toLowerCase()).containsExactlyInAnyOrderElementsOf(sent);
            assertThat(got).extracting(m -> m.content().asInt()).containsExactlyInAnyOrderElementsOf(
                    java.util.stream.IntStream.range(0, n).boxed().toList());
            assertThat(cb.hasReadyMessages()).isFalse();
            assertThat(cb.receive()).isEmpty();
        }
    }

    void insertRaw(Connection c, String id, String from, String to, byte[] content) throws SQLException {
        insertRaw(c, id, from, to, content, false);
    }

    void insertRaw(Connection c, String id, String from, String to, byte[] content, boolean broadcast)
            throws SQLException {
        Dialect d = target().dialect();
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO ipcm_messages(" + q("id") + ", " + q("from") + ", "
                + q("to") + ", " + q("stamp") + ", " + q("broadcast") + ", " + q("content") + ") VALUES (?, ?, ?, ?, ?, ?)")) {
            d.bindId(ps, 1, id);
            ps.setString(2, from);
            ps.setString(3, to);
            d.bindSeconds(ps, 4, dev.ipcm.internal.Stamps.now());
            d.bindFlag(ps, 5, broadcast);
            ps.setBytes(6, content);
            ps.executeUpdate();
        }
    }

    @Test
    void statsNeverPersistedReadAsEmpty() {
        String a = unique("stats-a");
        String b = unique("stats-b");
        try (Client ca = store.connect(a); Client cb = store.connect(b)) {
            ca.send(b, 1);
            receiveAtLeast(cb, 1);
            Map<String, Stats> all = ca.allStats();
            assertThat(all).containsKeys(a, b);
            assertThat(all.get(b).read()).isEmpty();
            cb.writeStats();
            assertThat(ca.allStats().get(b).read()).containsEntry(a, 1L);
        }
    }

    @Test
    void cleanlyDisconnectedPeerStaysAddressableAndGetsItsMailOnNextConnect() {
        String a = unique("later-a");
        String b = unique("later-b");
        try (Client ca = store.connect(a)) {
            store.connect(b).close();
            assertThat(ca.peers()).doesNotContain(b);
            assertThat(ca.peerExists(b)).isTrue();
            ca.send(b, "kept");
            try (Client cb = store.connect(b)) {
                assertThat(receiveAtLeast(cb, 1)).extracting(m -> m.content().textValue()).containsExactly("kept");
            }
        }
    }

    @Test
    void suspendRecordsTheDeadlineAndReconnectFindsQueuedMail() {
        String a = unique("susp-a");
        String b = unique("susp-b");
        try (Client ca = store.connect(a)) {
            Client cb = store.connect(b);
            java.time.Instant deadline = java.time.Instant.ofEpochSecond(4_000_000_000L, 250_000_000);
            cb.suspend(deadline);
            assertThat(ca.peerSuspendExpires(b)).hasValueSatisfying(v ->
                    assertThat(v.doubleValue()).isEqualTo(4_000_000_000.25));
            assertThat(ca.peerPid(b)).isEmpty();
            assertThat(ca.peers()).contains(b);
            ca.send(b, "while away");
            try (Client back = store.reconnect(b)) {
                assertThat(ca.peerSuspendExpires(b)).isEmpty();
                assertThat(receiveAtLeast(back, 1)).extracting(m -> m.content().textValue()).containsExactly("while away");
            }
        }
    }

    @Test
    void aSecondLiveClientUnderTheSameNameIsRefused() {
        String a = unique("dup");
        try (Client ca = store.connect(a)) {
            assertThat(ca.peerActive(a)).isTrue();
            assertThatThrownBy(() -> store.connect(a)).isInstanceOf(NameTakenException.class)
                    .hasMessageContaining("already running in pid " + Os.get().pid());
        }
    }

    @Test
    void contentIsTheSerializedContentOnly() throws SQLException {
        String a = unique("content-a");
        String b = unique("content-b");
        try (Client ca = store.connect(a); Client cb = store.connect(b)) {
            ca.send(b, TextNode.valueOf("plain string"));
            try (Connection c = raw(); PreparedStatement ps = c.prepareStatement(
                    "SELECT " + q("content") + " FROM ipcm_messages WHERE " + q("to") + " = ?")) {
                ps.setString(1, b);
                try (ResultSet rs = ps.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    assertThat(new String(rs.getBytes(1), StandardCharsets.US_ASCII)).isEqualTo("\"plain string\"");
                }
            }
            JsonNode got = receiveAtLeast(cb, 1).get(0).content();
            assertThat(got.textValue()).isEqualTo("plain string");
        }
    }

    String q(String column) {
        return target().dialect().q(column);
    }

    /** Receives until at least {@code n} messages came, with a deadline. */
    static List<Message> receiveAtLeast(Client c, int n) {
        List<Message> out = new ArrayList<>();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (out.size() < n && System.nanoTime() < deadline) {
            out.addAll(c.awaitMessages(Duration.ofNanos(Math.max(1, deadline - System.nanoTime()))));
        }
        assertThat(out).as("messages received before the deadline").hasSizeGreaterThanOrEqualTo(n);
        return out;
    }
}
