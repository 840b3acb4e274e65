package dev.ipcm.protocol.db;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ipcm.Client;
import dev.ipcm.Ipcm;
import dev.ipcm.Store;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** PostgreSQL on the configured server (default: 127.0.0.1:5432, database test, user postgres). */
class PostgreSQLServerStoreTest extends AbstractPostgreSQLStoreTest implements ConnectErrorTests, UuidIdTests, RestrictedUserTests {
    @Override
    public DbTargets target() {
        return DbTargets.POSTGRESQL_SERVER;
    }

    /**
     * The shared development servers sync every commit to disk (about 250 messages a second
     * here), so the configured-server targets send 250 messages per writer; the full 2,000 run
     * against the temporary servers, which skip the sync.
     */
    @Override
    public int messagesPerWriter() {
        return 250;
    }

    @Test
    void sessionOptionsAndSslModeOfTheServerUrlReachEveryConnectionOfTheStore() throws Exception {
        String server = target().server();
        String url = server + (server.contains("?") ? "&" : "?")
                + "sslmode=disable&options=-c%20synchronous_commit%3Doff%20-c%20work_mem%3D5MB";
        try (Store store = Ipcm.spawn(target().spawnOptions().param(ServerProtocol.SERVER_PARAM, url))) {
            assertThat(store.route()).endsWith(";sslmode=disable;options='-c synchronous_commit=off -c work_mem=5MB'");
            try (Connection c = DbTargets.raw("PostgreSQL", store.route()); Statement s = c.createStatement()) {
                assertThat(show(s, "synchronous_commit")).isEqualTo("off");
                assertThat(show(s, "work_mem")).isEqualTo("5MB");
            }
            try (Client a = store.connect("a"); Client b = store.connect("b")) {
                a.send("b", Map.of("n", 1));
                assertThat(b.awaitMessages(Duration.ofSeconds(30))).hasSize(1);
            }
        }
    }

    @Override
    public void createDmlOnlyUser(Statement admin, String user) throws SQLException {
        admin.execute("CREATE ROLE " + user + " LOGIN");
        admin.execute("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO " + user);
        admin.execute("GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO " + user);
    }

    @Override
    public void dropUser(Statement admin, String user) throws SQLException {
        admin.execute("DROP OWNED BY " + user);
        admin.execute("DROP ROLE " + user);
    }

    private static String show(Statement s, String setting) throws java.sql.SQLException {
        try (ResultSet rs = s.executeQuery("SHOW " + setting)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
