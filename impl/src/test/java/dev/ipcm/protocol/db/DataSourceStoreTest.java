package dev.ipcm.protocol.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.ipcm.Client;
import dev.ipcm.ConnectionInfo;
import dev.ipcm.Ipcm;
import dev.ipcm.SpawnOptions;
import dev.ipcm.Store;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A store spawned on, and clients connected through, the application's own pool (HikariCP), on
 * each database: the reference's {@code dbh} (docs/protocols/databases.md, "The application's
 * own pool"). The servers come from {@code IPCM_POSTGRESQL_URL}, {@code IPCM_MARIADB_URL} and
 * {@code IPCM_MYSQL_URL}; each test works in a database of its own and drops it.
 */
class DataSourceStoreTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Pattern URL = Pattern.compile("(jdbc:[a-z]+://[^/?]+/)([^?]*)(\\?.*)?");

    @TempDir
    Path dir;

    private static HikariDataSource pool(String url) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setMaximumPoolSize(10);
        config.setConnectionTimeout(10_000);
        config.setPoolName("ipcm-test-" + UUID.randomUUID());
        return new HikariDataSource(config);
    }

    @Test
    void sqliteStoreOnAPool() {
        String file = dir.resolve("app.sqlite").toString();
        try (HikariDataSource pool = pool("jdbc:sqlite:" + file)) {
            exchange(pool, "SQLite", Map.of(), file);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"PostgreSQL", "MariaDB", "MySQL"})
    void serverStoreOnAPool(String protocol) throws Exception {
        String server = System.getenv("IPCM_" + protocol.toUpperCase() + "_URL");
        Assumptions.assumeTrue(server != null && !server.isBlank(), "IPCM_" + protocol.toUpperCase()
                + "_URL is not set: point it at a " + protocol + " server to test a pool on it");
        Matcher m = URL.matcher(server);
        assertThat(m.matches()).as("server URL %s", server).isTrue();
        String query = m.group(3) == null ? "" : m.group(3);
        String database = "ipcm_ds_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        execute(server, "CREATE DATABASE " + database);
        try {
            try (HikariDataSource pool = pool(m.group(1) + database + query)) {
                Matcher user = Pattern.compile("[?&]user=([^&]+)").matcher(query);
                exchange(pool, protocol, user.find() ? Map.of("user", user.group(1)) : Map.of(), database);
            }
        } finally {
            execute(server, "DROP DATABASE " + database);
        }
    }

    /** Spawn on the pool, clients from it and one through the info string alone, a message each way. */
    private static void exchange(HikariDataSource pool, String protocol, Map<String, String> otherProcessParams,
            String where) {
        Store store = Ipcm.spawn(SpawnOptions.defaults().dataSource(pool).peerTimeout(WAIT));
        try {
            ConnectionInfo info = ConnectionInfo.parse(store.info());
            assertThat(info.protocol()).isEqualTo("IPC::Manager::Client::" + protocol);
            assertThat(info.route()).contains(where).doesNotContain("password").doesNotContain("user=");
            try (Client a = store.connect("a"); Client b = Ipcm.connect("b", store.info(), pool)) {
                // Each open client holds its connection: both were taken from the pool.
                assertThat(pool.getHikariPoolMXBean().getActiveConnections()).as("connections lent by the pool")
                        .isGreaterThanOrEqualTo(2);
                a.send("b", "through the pool");
                assertThat(b.awaitMessages(WAIT)).extracting(x -> x.content().asText()).containsExactly("through the pool");
                try (Client c = Ipcm.connect("c", store.info(), otherProcessParams)) {
                    c.send("a", "through the info string");
                    assertThat(a.awaitMessages(WAIT)).extracting(x -> x.content().asText())
                            .containsExactly("through the info string");
                }
            }
        } finally {
            store.shutdown();
        }
    }

    /** One client on exactly the application's connection, which stays open and usable after it. */
    @Test
    void aClientOnTheApplicationsOwnConnection() throws Exception {
        String file = dir.resolve("one.sqlite").toString();
        Store store = Ipcm.spawn(SpawnOptions.defaults().protocol("SQLite").param("route", file).peerTimeout(WAIT));
        try (Connection mine = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            oneConnection(store, mine);
        } finally {
            store.shutdown();
        }
    }

    @Test
    void aPostgreSQLClientOnTheApplicationsOwnConnectionPolls() throws Exception {
        String server = System.getenv("IPCM_POSTGRESQL_URL");
        Assumptions.assumeTrue(server != null && !server.isBlank(),
                "IPCM_POSTGRESQL_URL is not set: point it at a PostgreSQL server to test a client on one connection");
        Matcher m = URL.matcher(server);
        assertThat(m.matches()).isTrue();
        String database = "ipcm_one_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String query = m.group(3) == null ? "" : m.group(3);
        execute(server, "CREATE DATABASE " + database);
        try {
            String url = m.group(1) + database + query;
            Store store = Ipcm.spawn(SpawnOptions.defaults().protocol("PostgreSQL").param("route", url).peerTimeout(WAIT));
            try (Connection mine = DriverManager.getConnection(url)) {
                oneConnection(store, mine);
            } finally {
                store.shutdown();
            }
        } finally {
            execute(server, "DROP DATABASE " + database);
        }
    }

    private static void oneConnection(Store store, Connection mine) throws Exception {
        try (Client a = store.connect("a"); Client b = Ipcm.connect("b", store.info(), mine)) {
            a.send("b", "on your connection");
            assertThat(b.awaitMessages(WAIT)).extracting(x -> x.content().asText()).containsExactly("on your connection");
            b.send("a", "back");
            assertThat(a.awaitMessages(WAIT)).extracting(x -> x.content().asText()).containsExactly("back");
        }
        assertThat(mine.isClosed()).as("the application's connection is still its own").isFalse();
        try (Statement s = mine.createStatement(); java.sql.ResultSet rs = s.executeQuery("SELECT 1")) {
            assertThat(rs.next()).isTrue();
        }
    }

    @Test
    void aPoolOfAnotherDatabaseIsRefusedAtSpawn() {
        try (HikariDataSource pool = pool("jdbc:sqlite:" + dir.resolve("other.sqlite"))) {
            assertThatThrownBy(() -> Ipcm.spawn(SpawnOptions.defaults().protocol("PostgreSQL").dataSource(pool)))
                    .isInstanceOf(DatabaseAccessException.class).hasMessageContaining("not a PostgreSQL database");
        }
    }

    @Test
    void aPoolIdUnknownToThisJvmIsRefusedWithWhatToDo() {
        String file = dir.resolve("ids.sqlite").toString();
        try (HikariDataSource pool = pool("jdbc:sqlite:" + file)) {
            Store store = Ipcm.spawn(SpawnOptions.defaults().dataSource(pool));
            try {
                assertThatThrownBy(() -> Ipcm.connect("x", store.info(), Map.of("datasource", "ds-999999")))
                        .isInstanceOf(DatabaseAccessException.class).hasMessageContaining("Ipcm.connect(name, info, dataSource)");
            } finally {
                store.shutdown();
            }
        }
    }

    private static void execute(String url, String statement) throws Exception {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }
}
