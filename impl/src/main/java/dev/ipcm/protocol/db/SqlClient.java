package dev.ipcm.protocol.db;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ipcm.ContentException;
import dev.ipcm.CorruptMessageException;
import dev.ipcm.Message;
import dev.ipcm.MessageTooLargeException;
import dev.ipcm.NameTakenException;
import dev.ipcm.NoSuchPeerException;
import dev.ipcm.Stats;
import dev.ipcm.internal.Json;
import dev.ipcm.internal.Stamps;
import dev.ipcm.serial.Serializer;
import dev.ipcm.spi.AbstractClient;
import dev.ipcm.spi.ClientNames;
import dev.ipcm.spi.ConnectRequest;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;

/**
 * A client of a SQL store. Registration, suspend, disconnect, peers and stats run the reference's
 * statements (docs/protocols/databases.md, "Registration, suspend, leaving"). A receive reads its
 * rows, then deletes exactly the ids it read, so each message is delivered exactly once even when
 * the receiver dies mid-way.
 */
final class SqlClient extends AbstractClient {
    /** Bytes of an undecodable row quoted in its report. */
    private static final int QUOTED_BYTES = 4096;

    private final DbSession db;
    private final SqlStore sql;
    private final Dialect dialect;
    private final ActivityWaiter waiter;
    /** The last receive found the inbox empty after dropping the waiter's wake-ups; guarded by {@code io}. */
    private boolean checkedEmpty;

    private SqlClient(ConnectRequest request, DatabaseProtocol protocol, DbSession db, Stats initial) {
        super(request, protocol.capabilities(), initial);
        this.db = db;
        this.dialect = protocol.dialect;
        this.sql = protocol.sql;
        db.once("register client '" + name() + "'", c -> {
            register(c, request.reconnect());
            return null;
        });
        this.waiter = protocol.waiter(db, name());
        connected();
    }

    /** Connects (or reconnects) a client, closing the connection again if registration fails. */
    static SqlClient open(ConnectRequest request, DatabaseProtocol protocol) {
        String name = ClientNames.validate(request.name(), protocol.capabilities().maxNameLength());
        DbLocation location = protocol.location(request.route());
        DbSession db = new DbSession(protocol.dialect, location, DbCredentials.resolve(request.params(), location));
        try {
            Stats initial = request.reconnect()
                    ? db.call("read the stats of '" + name + "'", c -> decodeStats(request.serializer(),
                            protocol.sql.stats(c, name), name))
                    : new Stats();
            return new SqlClient(request, protocol, db, initial);
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    private void register(Connection c, boolean reconnect) throws SQLException {
        SqlStore.PeerRow row = sql.peerRow(c, name());
        if (row != null && !row.id().equals(name())) {
            throw new NameTakenException("Client name '" + name() + "' collides with the registered client '" + row.id()
                    + "': the " + dialect.protocolName() + " store compares names without regard to case (its collation"
                    + " is case-insensitive), so both would share one inbox; choose a name that differs in more than case");
        }
        if (reconnect && row == null) {
            throw new NoSuchPeerException("The '" + name() + "' peer does not exist on this " + dialect.protocolName()
                    + " store, so it cannot reconnect; connect instead");
        }
        if (row != null && row.pid() != null && isRunning(row.pid())) {
            throw new NameTakenException("Looks like the connection is already running in pid " + row.pid()
                    + " for '" + name() + "'; choose another name or disconnect that client first");
        }
        BigDecimal now = Stamps.now();
        if (row == null) {
            try {
                sql.insertPeer(c, name(), pid(), now);
            } catch (SQLException e) {
                if (dialect.isDuplicateKey(e)) {
                    throw new NameTakenException("Client '" + name() + "' was registered by another process at the same"
                            + " moment; choose another name", e);
                }
                throw e;
            }
            return;
        }
        if (row.pid() != null && !reconnect) {
            // Its owner died without disconnecting: a fresh client under the name starts empty, as in the
            // reference. A reconnect keeps the inbox: coming back for one's mail is what reconnect is for.
            sql.deleteInbox(c, name());
            sql.clearStats(c, name());
        }
        if (!sql.takeOver(c, name(), pid(), now, row.pid())) {
            throw new NameTakenException("Client '" + name() + "' was taken over by another process at the same moment;"
                    + " choose another name");
        }
    }

    // ==== sending =============================================================================

    @Override
    protected void deliver(Message message) {
        byte[] content = serializer().serialize(message.content());
        checkSize(content.length, message);
        String to = message.toOrNull();
        boolean[] retried = {false};
        db.call("send a message to '" + to + "'", c -> {
            try {
                if (!sql.insertMessage(db.statements(), message, content)) {
                    throw noSuchPeer(to);
                }
            } catch (SQLException e) {
                if (dialect.isDuplicateKey(e) && retried[0]) {
                    return null; // the first attempt committed before its connection died
                }
                if (dialect.isDuplicateKey(e)) {
                    throw new ContentException("A message with id " + message.id() + " is already stored; "
                            + "send a new message (each message needs its own id)", e);
                }
                if (MySQLFamilyDialect.isDataTooLong(e)) {
                    throw new MessageTooLargeException("The content of the message to '" + to + "' does not fit the "
                            + dialect.protocolName() + " BLOB column (at most " + MySQLFamilyDialect.MAX_BLOB
                            + " bytes): " + e.getMessage(), e);
                }
                retried[0] = true;
                throw e;
            }
            return null;
        });
    }

    // ==== receiving ===========================================================================

    @Override
    protected boolean hasReady() {
        return db.call("check the inbox of '" + name() + "'", c -> sql.hasMessages(db.statements(), name()));
    }

    @Override
    protected List<Message> fetch() {
        String what = "receive the messages of '" + name() + "'";
        for (int attempt = 0; ; attempt++) {
            try {
                List<Message> got = fetchOnce();
                if (got != null) {
                    return got;
                }
                if (attempt > 0) {
                    throw new DatabaseAccessException("Could not " + what + ": the connection to '" + db.location
                            + "' failed twice at commit; nothing was taken, receive again once the server is back");
                }
            } catch (SQLException e) {
                if (attempt > 0 || !db.lost()) {
                    throw SqlErrors.statementFailed(dialect, db.location, what, e);
                }
                db.reset();
            }
        }
    }

    /**
     * One receive: read the inbox, then delete exactly the ids read, as the reference does
     * (docs/protocols/databases.md, "Receiving: exactly once"). Only the owner deletes from its inbox, so the read needs no lock and no transaction;
     * the delete is one statement, atomic by itself, which makes it the commit point. That is two
     * statements per receive, where a transaction around them took up to six round trips
     * (autocommit off, select, delete, commit, autocommit on). Returns null when the connection
     * died at the delete and nothing was taken.
     */
    private List<Message> fetchOnce() throws SQLException {
        Connection c = db.connection();
        StatementCache statements = db.statements();
        boolean discarded = waiter.discardWakeups();
        List<SqlStore.InboxRow> rows = sql.inbox(statements, name());
        // Every commit after the wake-ups were dropped wakes the next wait, so that wait need not
        // start with the query just made (and a lost connection below reads again anyway).
        checkedEmpty = discarded && rows.isEmpty();
        if (rows.isEmpty()) {
            return List.of();
        }
        List<Message> messages = new ArrayList<>();
        List<CorruptMessageException> corrupt = new ArrayList<>();
        List<String> ids = new ArrayList<>(rows.size());
        for (SqlStore.InboxRow row : rows) {
            ids.add(row.id());
            try {
                messages.add(toMessage(row));
            } catch (RuntimeException e) {
                // Whatever the decoder throws, one bad row must not block the inbox.
                corrupt.add(corrupt(row, e));
            }
        }
        Faults.beforeDelete();
        try {
            delete(c, statements, ids);
        } catch (SQLException e) {
            if (!db.lost()) {
                throw e;
            }
            // The connection died during the delete: whether it happened is only known by looking.
            db.reset();
            Set<String> left = db.call("check a receive interrupted at commit", fresh -> sql.existingIds(fresh, ids));
            if (!left.isEmpty()) {
                return null; // not deleted: read again
            }
        }
        corrupt.forEach(this::setAside);
        return messages;
    }

    /** Deletes the ids read: one autocommit statement, or one transaction when they need several. */
    private void delete(Connection c, StatementCache statements, List<String> ids) throws SQLException {
        if (ids.size() <= SqlStore.CHUNK) {
            Faults.beforeCommit(c);
            sql.deleteMessages(statements, ids);
            return;
        }
        c.setAutoCommit(false);
        try {
            sql.deleteMessages(statements, ids);
            Faults.beforeCommit(c);
            c.commit();
        } catch (SQLException | RuntimeException e) {
            rollbackQuietly(c);
            throw e;
        } finally {
            restoreAutoCommit(c);
        }
    }

    private Message toMessage(SqlStore.InboxRow row) {
        JsonNode content = serializer().deserialize(row.content());
        ObjectNode node = Json.mapper().createObjectNode();
        node.put("id", row.id());
        node.put("from", row.from());
        node.put("to", row.to());
        node.put("stamp", row.stamp());
        node.set("content", content);
        node.put("broadcast", row.broadcast() ? 1 : 0);
        return Message.fromJson(node);
    }

    private CorruptMessageException corrupt(SqlStore.InboxRow row, RuntimeException cause) {
        byte[] bytes = row.content() == null ? new byte[0] : row.content();
        byte[] quoted = bytes.length > QUOTED_BYTES ? java.util.Arrays.copyOf(bytes, QUOTED_BYTES) : bytes;
        return new CorruptMessageException("Message " + row.id() + " from '" + row.from() + "' to '" + row.to()
                + "' could not be decoded (" + cause.getMessage() + ") and was removed from the " + dialect.protocolName()
                + " store so the rest of the inbox could be delivered; its " + bytes.length + " content bytes"
                + (quoted.length < bytes.length ? " (first " + quoted.length + ")" : "") + " in base64: "
                + Base64.getEncoder().encodeToString(quoted), cause);
    }

    private static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // A dead connection has rolled back on the server already.
        }
    }

    private static void restoreAutoCommit(Connection c) {
        try {
            c.setAutoCommit(true);
        } catch (SQLException ignored) {
            // Only fails on a dead connection, which is replaced on its next use.
        }
    }

    @Override
    protected void waitForActivity(long nanos) {
        boolean checked;
        synchronized (io) {
            checked = checkedEmpty && !isDisconnected();
            checkedEmpty = false;
        }
        waiter.await(nanos, () -> {
            synchronized (io) {
                return isDisconnected() || hasReady();
            }
        }, checked);
    }

    // ==== peers ===============================================================================

    @Override
    protected List<String> listPeers() {
        Map<String, Long> rows = db.call("list peers", c -> sql.activePeers(c, name()));
        List<String> out = new ArrayList<>();
        rows.forEach((id, pid) -> {
            if (pid == null || isRunning(pid)) {
                out.add(id);
            }
        });
        return out;
    }

    @Override
    protected boolean isRegistered(String peer) {
        return db.call("look up peer '" + peer + "'", c -> sql.peerExists(c, peer));
    }

    @Override
    protected OptionalLong recordedPid(String peer) {
        if (peer == null || peer.isEmpty()) {
            return OptionalLong.empty();
        }
        SqlStore.PeerRow row = db.call("look up peer '" + peer + "'", c -> sql.peerRow(c, peer));
        return row == null || !row.active() || row.pid() == null ? OptionalLong.empty() : OptionalLong.of(row.pid());
    }

    @Override
    protected Optional<BigDecimal> recordedSuspendDeadline(String peer) {
        SqlStore.PeerRow row = db.call("look up peer '" + peer + "'", c -> sql.peerRow(c, peer));
        return row == null ? Optional.empty() : Optional.ofNullable(row.suspendExpires());
    }

    @Override
    protected int reapDeadPeers() {
        return db.call("remove dead peers", c -> {
            int n = 0;
            for (Map.Entry<String, Long> e : sql.activePeers(c, name()).entrySet()) {
                Long pid = e.getValue();
                if (pid != null && !isRunning(pid)) {
                    sql.deleteInbox(c, e.getKey());
                    sql.deletePeer(c, e.getKey());
                    n++;
                }
            }
            return n;
        });
    }

    // ==== life cycle ==========================================================================

    @Override
    protected void unregister() {
        db.call("unregister '" + name() + "'", c -> {
            sql.unregister(c, name());
            return null;
        });
    }

    @Override
    protected void finishDisconnect() {
        // The row stays, as in the reference: the name remains addressable and later mail waits for it.
    }

    @Override
    protected void markSuspended(BigDecimal expiresAt) {
        db.call("suspend '" + name() + "'", c -> {
            sql.suspend(c, name(), expiresAt);
            return null;
        });
    }

    @Override
    protected void persistStats(Stats stats) {
        byte[] bytes = serializer().serialize(stats.toJson());
        db.call("write the stats of '" + name() + "'", c -> {
            sql.writeStats(c, name(), bytes);
            return null;
        });
    }

    @Override
    protected Map<String, Stats> loadAllStats() {
        Map<String, byte[]> rows = db.call("read every client's stats", sql::allStats);
        Map<String, Stats> out = new TreeMap<>();
        rows.forEach((id, bytes) -> out.put(id, decodeStats(serializer(), bytes, id)));
        return out;
    }

    /** Stats bytes as counts; NULL (never persisted) and undecodable values read as empty, with a warning for the latter. */
    private static Stats decodeStats(Serializer serializer, byte[] bytes, String id) {
        if (bytes == null) {
            return new Stats();
        }
        try {
            return Stats.fromJson(serializer.deserialize(bytes));
        } catch (RuntimeException e) {
            System.getLogger("dev.ipcm").log(System.Logger.Level.WARNING,
                    "Stats of client '" + id + "' could not be decoded and count as empty: " + e.getMessage());
            return new Stats();
        }
    }

    @Override
    protected void closeResources() {
        try {
            if (waiter != null) {
                waiter.close();
            }
        } finally {
            db.close();
        }
    }
}
