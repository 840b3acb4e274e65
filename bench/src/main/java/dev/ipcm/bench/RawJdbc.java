package dev.ipcm.bench;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.sqlite.BusyHandler;

/**
 * Raw baseline for the database protocols: plain JDBC insert, then select and delete by the
 * receiver, on the same database server (or, for SQLite, a file in the same temp directory).
 * A server receiver with an empty inbox pauses {@link #POLL_PAUSE_NANOS} before asking again.
 *
 * <p>A SQLite receiver instead sleeps on the file, as the protocol does: a {@link WatchService}
 * on the directory wakes it when a commit deletes the rollback journal. Polling every 200 µs kept
 * taking the file's lock from the sender, whose busy waits then measured SQLite's lock back-off
 * rather than the transport (440 ms p50 at 4 KiB). Its connections use the SQLite protocol's
 * per-connection settings: 30 s busy timeout, {@code synchronous=OFF}, and a busy handler that
 * retries in short steps (sqlite-jdbc's {@link BusyHandler}).
 */
final class RawJdbc implements Transport {
    /** The pause of an idle raw server receiver between two queries; stated in every report. */
    static final long POLL_PAUSE_NANOS = 200_000;
    /** Longest sleep of a SQLite receiver that saw no commit: a missed event costs at most this. */
    private static final long SQLITE_RECHECK_NANOS = 50_000_000;

    private final String database;
    private final String url;
    private final String user;
    private final String password;

    /**
     * @param database {@code SQLite}, {@code PostgreSQL} or {@code MariaDB} (decides the DDL)
     * @param url the server's JDBC URL; ignored for SQLite, which gets a file per session
     * @param user the user, or null when the URL names it
     * @param password the password, or null when the URL holds it
     */
    RawJdbc(String database, String url, String user, String password) {
        this.database = database;
        this.url = url;
        this.user = user;
        this.password = password;
    }

    @Override
    public String label() {
        return "raw JDBC " + database;
    }

    @Override
    public boolean isRaw() {
        return true;
    }

    @Override
    public String spec() {
        return "raw:jdbc:" + database;
    }

    @Override
    public Map<String, String> childEnvironment() {
        Map<String, String> env = new java.util.HashMap<>();
        if (user != null) {
            env.put(Transports.USER_ENV, user);
        }
        if (password != null) {
            env.put(Transports.PASSWORD_ENV, password);
        }
        return env;
    }

    @Override
    public Session start(Path workDir, int size) throws SQLException {
        String sessionUrl = database.equals("SQLite")
                ? "jdbc:sqlite:" + workDir.resolve("raw.sqlite") + "?busy_timeout=30000&synchronous=OFF"
                : url;
        String table = "ipcm_bench_raw_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = connect(sessionUrl); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE " + table + " (" + ddl() + ")");
        }
        return new Session() {
            @Override
            public String childArgument() {
                return table + " " + sessionUrl;
            }

            @Override
            public Link parentLink(String name, String child) throws SQLException {
                return link(sessionUrl, table, name, child, size);
            }

            @Override
            public void close() throws SQLException {
                try (Connection c = connect(sessionUrl);
                     Statement s = c.createStatement()) {
                    s.execute("DROP TABLE " + table);
                }
            }
        };
    }

    private Connection connect(String sessionUrl) throws SQLException {
        java.util.Properties props = new java.util.Properties();
        if (user != null) {
            props.setProperty("user", user);
        }
        if (password != null) {
            props.setProperty("password", password);
        }
        return DriverManager.getConnection(sessionUrl, props);
    }

    private String ddl() {
        switch (database) {
            case "SQLite":
                return "id INTEGER PRIMARY KEY AUTOINCREMENT, dest VARCHAR(512) NOT NULL, payload BLOB NOT NULL";
            case "PostgreSQL":
                return "id BIGSERIAL PRIMARY KEY, dest VARCHAR(512) NOT NULL, payload BYTEA NOT NULL";
            default:
                return "id BIGINT AUTO_INCREMENT PRIMARY KEY, dest VARCHAR(512) NOT NULL, payload MEDIUMBLOB NOT NULL";
        }
    }

    @Override
    public Link childLink(String argument, String name, String peer, int size) throws SQLException {
        int space = argument.indexOf(' ');
        return link(argument.substring(space + 1), argument.substring(0, space), name, peer, size);
    }

    private Link link(String sessionUrl, String table, String name, String peer, int size) throws SQLException {
        if (!table.toLowerCase(Locale.ROOT).matches("ipcm_bench_raw_[0-9a-f]{12}")) {
            throw new IllegalArgumentException("not a raw benchmark table: table=" + table);
        }
        Connection c = connect(sessionUrl);
        FileWake wake = null;
        if (sessionUrl.startsWith("jdbc:sqlite:")) {
            BusyHandler.setHandler(c, new ShortBusyWait());
            wake = new FileWake(Path.of(sessionUrl.substring("jdbc:sqlite:".length(), sessionUrl.indexOf('?'))));
        }
        FileWake fileWake = wake;
        PreparedStatement insert = c.prepareStatement("INSERT INTO " + table + " (dest, payload) VALUES (?, ?)");
        PreparedStatement select = c.prepareStatement("SELECT id, payload FROM " + table + " WHERE dest = ? ORDER BY id");
        PreparedStatement delete = c.prepareStatement("DELETE FROM " + table + " WHERE dest = ? AND id <= ?");
        byte[] payload = Payloads.bytes(size);
        return new Link() {
            private volatile boolean closed;

            @Override
            public void send() throws SQLException {
                insert.setString(1, peer);
                insert.setBytes(2, payload);
                insert.executeUpdate();
            }

            @Override
            public int receive() throws SQLException {
                while (!closed) {
                    if (fileWake != null) {
                        fileWake.discardQueued(); // the select below sees what they announced
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
                    if (fileWake != null) {
                        fileWake.await(SQLITE_RECHECK_NANOS);
                    } else {
                        LockSupport.parkNanos(POLL_PAUSE_NANOS);
                    }
                }
                throw new SQLException("link of '" + name + "' was closed while receiving");
            }

            @Override
            public void close() throws SQLException {
                closed = true;
                try {
                    c.close();
                } finally {
                    if (fileWake != null) {
                        fileWake.close();
                    }
                }
            }
        };
    }

    /** Wakes a SQLite receiver when a commit on the file ends: the rollback journal is deleted. */
    private static final class FileWake implements AutoCloseable {
        private final WatchService watcher;
        private final String journal;

        FileWake(Path database) throws SQLException {
            Path file = database.toAbsolutePath();
            this.journal = file.getFileName() + "-journal";
            try {
                watcher = FileSystems.getDefault().newWatchService();
                file.getParent().register(watcher, StandardWatchEventKinds.ENTRY_DELETE);
            } catch (IOException e) {
                throw new SQLException("cannot watch " + file.getParent(), e);
            }
        }

        void discardQueued() {
            for (WatchKey key = watcher.poll(); key != null; key = watcher.poll()) {
                key.pollEvents();
                key.reset();
            }
        }

        /** Returns when a journal was deleted, or after {@code nanos}. */
        void await(long nanos) {
            long deadline = System.nanoTime() + nanos;
            try {
                for (long left = nanos; left > 0; left = deadline - System.nanoTime()) {
                    WatchKey key = watcher.poll(left, TimeUnit.NANOSECONDS);
                    if (key == null) {
                        return;
                    }
                    boolean committed = false;
                    for (WatchEvent<?> event : key.pollEvents()) {
                        committed |= event.kind() == StandardWatchEventKinds.OVERFLOW
                                || journal.equals(String.valueOf(event.context()));
                    }
                    key.reset();
                    if (committed) {
                        return;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ClosedWatchServiceException e) {
                // closed with the link
            }
        }

        @Override
        public void close() {
            try {
                watcher.close();
            } catch (IOException ignored) {
                // nothing left to release
            }
        }
    }

    /** Retries a busy lock after 20 µs, doubling to 250 µs, for up to 30 s: the SQLite protocol's policy. */
    private static final class ShortBusyWait extends BusyHandler {
        private long since;

        @Override
        protected int callback(int previousCalls) {
            long now = System.nanoTime();
            if (previousCalls == 0) {
                since = now;
            } else if (now - since >= TimeUnit.SECONDS.toNanos(30)) {
                return 0;
            }
            LockSupport.parkNanos(Math.min(250_000L, 20_000L << Math.min(previousCalls, 8)));
            return 1;
        }
    }
}
