package dev.ipcm.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.locks.LockSupport;
import org.sqlite.BusyHandler;

/**
 * One side of the raw JDBC baseline ({@link RawJdbc}): a send inserts a row for the peer; a
 * receive selects every row addressed to this side, then deletes exactly the rows it read. With
 * an empty inbox a server receiver pauses {@link RawJdbc#POLL_PAUSE_NANOS}; a SQLite receiver
 * sleeps on the file until a commit ({@link SqliteJournalWake}).
 */
final class JdbcLink implements Link {
    /** Longest sleep of a SQLite receiver that saw no commit: a missed event costs at most this. */
    private static final long SQLITE_RECHECK_NANOS = 50_000_000;

    private final Connection connection;
    private final SqliteJournalWake wake;
    private final PreparedStatement insert;
    private final PreparedStatement select;
    private final PreparedStatement delete;
    private final String name;
    private final String peer;
    private final byte[] payload;
    private volatile boolean closed;

    private JdbcLink(Connection connection, SqliteJournalWake wake, String table, String name, String peer, int size)
            throws SQLException {
        this.connection = connection;
        this.wake = wake;
        this.insert = connection.prepareStatement("INSERT INTO " + table + " (dest, payload) VALUES (?, ?)");
        this.select = connection.prepareStatement("SELECT id, payload FROM " + table + " WHERE dest = ? ORDER BY id");
        this.delete = connection.prepareStatement("DELETE FROM " + table + " WHERE dest = ? AND id <= ?");
        this.name = name;
        this.peer = peer;
        this.payload = Payloads.bytes(size);
    }

    /** The side {@code name} of a session on {@code table}, sending to {@code peer}; owns the connection. */
    static JdbcLink open(Connection connection, String sessionUrl, String table, String name, String peer, int size)
            throws SQLException {
        SqliteJournalWake wake = null;
        if (sessionUrl.startsWith("jdbc:sqlite:")) {
            BusyHandler.setHandler(connection, new ShortBusyWait());
            wake = new SqliteJournalWake(Path.of(sessionUrl.substring("jdbc:sqlite:".length(), sessionUrl.indexOf('?'))));
        }
        return new JdbcLink(connection, wake, table, name, peer, size);
    }

    @Override
    public void send() throws SQLException {
        insert.setString(1, peer);
        insert.setBytes(2, payload);
        insert.executeUpdate();
    }

    @Override
    public int receive() throws SQLException {
        while (!closed) {
            if (wake != null) {
                wake.discardQueued(); // the select below sees what they announced
            }
            int taken = 0;
            long last = 0;
            select.setString(1, name);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    last = rs.getLong(1);
                    rs.getBytes(2);
                    taken++;
                }
            }
            if (taken > 0) {
                delete.setString(1, name);
                delete.setLong(2, last);
                delete.executeUpdate();
                return taken;
            }
            if (wake != null) {
                wake.await(SQLITE_RECHECK_NANOS);
            } else {
                LockSupport.parkNanos(RawJdbc.POLL_PAUSE_NANOS);
            }
        }
        throw new SQLException("link of '" + name + "' was closed while receiving");
    }

    @Override
    public void close() throws SQLException {
        closed = true;
        try {
            connection.close();
        } finally {
            if (wake != null) {
                wake.close();
            }
        }
    }
}
