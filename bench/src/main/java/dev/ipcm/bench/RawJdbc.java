package dev.ipcm.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Raw baseline for the database protocols: plain JDBC insert, then select and delete by the
 * receiver, on the same database server (or, for SQLite, a file in the same temp directory).
 * A server receiver with an empty inbox pauses {@link #POLL_PAUSE_NANOS} before asking again.
 *
 * <p>A SQLite receiver instead sleeps on the file, as the protocol does ({@link SqliteJournalWake}):
 * a commit that deletes the rollback journal wakes it. Polling every 200 µs kept
 * taking the file's lock from the sender, whose busy waits then measured SQLite's lock back-off
 * rather than the transport (440 ms p50 at 4 KiB). Its connections use the SQLite protocol's
 * per-connection settings: 30 s busy timeout, {@code synchronous=OFF}, and a busy handler that
 * retries in short steps ({@link ShortBusyWait}). Each side of a session is a {@link JdbcLink}.
 */
final class RawJdbc implements Transport {
    /** The pause of an idle raw server receiver between two queries; stated in every report. */
    static final long POLL_PAUSE_NANOS = 200_000;

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
    public TransportSession start(Path workDir, int size) throws SQLException {
        String sessionUrl = database.equals("SQLite")
                ? "jdbc:sqlite:" + workDir.resolve("raw.sqlite") + "?busy_timeout=30000&synchronous=OFF"
                : url;
        String table = "ipcm_bench_raw_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = connect(sessionUrl); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE " + table + " (" + ddl() + ")");
        }
        return new TransportSession() {
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
        return JdbcLink.open(connect(sessionUrl), sessionUrl, table, name, peer, size);
    }
}
