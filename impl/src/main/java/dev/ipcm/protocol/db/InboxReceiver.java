package dev.ipcm.protocol.db;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ipcm.CorruptMessageException;
import dev.ipcm.Message;
import dev.ipcm.internal.Json;
import dev.ipcm.serial.Serializer;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * How a SQL client takes its inbox, exactly once: read the rows, decode them, delete exactly the
 * ids read; when the connection dies at the delete, look whether it happened. Called under the
 * client's lock, like everything on its session.
 */
final class InboxReceiver {
    /** Bytes of an undecodable row quoted in its report. */
    private static final int QUOTED_BYTES = 4096;

    private final DbSession db;
    private final SqlStore sql;
    private final Dialect dialect;
    private final Serializer serializer;
    private final String name;
    private final ActivityWaiter waiter;
    /** The last receive found the inbox empty after dropping the waiter's wake-ups. */
    private boolean checkedEmpty;

    InboxReceiver(DbSession db, SqlStore sql, Serializer serializer, String name, ActivityWaiter waiter) {
        this.db = db;
        this.sql = sql;
        this.dialect = db.dialect;
        this.serializer = serializer;
        this.name = name;
        this.waiter = waiter;
    }

    /**
     * Whether the last receive found the inbox empty right after the waiter's wake-ups were
     * dropped, so the next wait need not start with the same query; asking clears it.
     */
    boolean takeCheckedEmpty() {
        boolean was = checkedEmpty;
        checkedEmpty = false;
        return was;
    }

    /** Takes the inbox; undecodable rows go to {@code setAside} once their delete committed. */
    List<Message> receive(Consumer<CorruptMessageException> setAside) {
        String what = "receive the messages of '" + name + "'";
        for (int attempt = 0; ; attempt++) {
            try {
                List<Message> got = receiveOnce(setAside);
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
     * (docs/protocols/databases.md, "Receiving: exactly once"). Only the owner deletes from its
     * inbox, so the read needs no lock and no transaction; the delete is one statement, atomic by itself, which makes it the commit point. That is two
     * statements per receive, where a transaction around them took up to six round trips
     * (autocommit off, select, delete, commit, autocommit on). Returns null when the connection
     * died at the delete and nothing was taken.
     */
    private List<Message> receiveOnce(Consumer<CorruptMessageException> setAside) throws SQLException {
        Connection c = db.connection();
        StatementCache statements = db.statements();
        boolean discarded = waiter.discardWakeups();
        List<SqlStore.InboxRow> rows = sql.inbox(statements, name);
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
        corrupt.forEach(setAside);
        return messages;
    }

    /**
     * At-least-once: the inbox read without deleting it; undecodable rows are deleted and set
     * aside as by {@link #receive}.
     */
    List<Message> peek(Consumer<CorruptMessageException> setAside) {
        List<SqlStore.InboxRow> rows = db.call("read the messages of '" + name + "'", c -> sql.inbox(db.statements(), name));
        List<Message> messages = new ArrayList<>();
        List<String> bad = new ArrayList<>();
        List<CorruptMessageException> corrupt = new ArrayList<>();
        for (SqlStore.InboxRow row : rows) {
            try {
                messages.add(toMessage(row));
            } catch (RuntimeException e) {
                bad.add(row.id());
                corrupt.add(corrupt(row, e));
            }
        }
        acknowledge(bad);
        corrupt.forEach(setAside);
        return messages;
    }

    /** At-least-once: deletes these ids from the inbox (an id already gone is no error, so a retry is safe). */
    void acknowledge(List<String> ids) {
        if (ids.isEmpty()) {
            return;
        }
        db.call("delete the acknowledged messages of '" + name + "'", c -> {
            delete(c, db.statements(), ids);
            return null;
        });
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
        JsonNode content = serializer.deserialize(row.content());
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
        byte[] quoted = bytes.length > QUOTED_BYTES ? Arrays.copyOf(bytes, QUOTED_BYTES) : bytes;
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
}
