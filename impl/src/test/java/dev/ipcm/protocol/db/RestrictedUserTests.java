package dev.ipcm.protocol.db;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ipcm.Client;
import dev.ipcm.Ipcm;
import dev.ipcm.Store;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A store whose owner created the tables, used by a database user that may read and write them
 * but not create tables (PostgreSQL 15 gives no role but the owner that right in a new database's
 * schema; MariaDB and MySQL grant it per database). The servers refuse such a user's
 * {@code CREATE TABLE IF NOT EXISTS} even where the table exists, and a client must still use the
 * liveness tables rather than fall back to pids, which are right on one host only.
 */
interface RestrictedUserTests {
    Store store();

    DbTargets target();

    /** Creates {@code user}, without a password, allowed SELECT, INSERT, UPDATE and DELETE on the store's tables only. */
    void createDmlOnlyUser(Statement admin, String user) throws SQLException;

    /** Removes {@code user} and whatever it was granted. */
    void dropUser(Statement admin, String user) throws SQLException;

    @Test
    default void aUserThatMayNotCreateTablesStillUsesTheLivenessTablesItsOwnerCreated() throws Exception {
        String user = AbstractDbStoreTest.unique("dml_only").replace('-', '_');
        store().connect(AbstractDbStoreTest.unique("owner")).close(); // creates the liveness tables as the store's owner
        try (Connection admin = DbTargets.raw(target().protocol, store().route()); Statement s = admin.createStatement()) {
            createDmlOnlyUser(s, user);
            try {
                String name = AbstractDbStoreTest.unique("dml");
                try (Client c = Ipcm.connect(name, store().info(), Map.of("user", user));
                        PreparedStatement ps = admin.prepareStatement("SELECT count(*) FROM ipcm_liveness WHERE id = ?")) {
                    ps.setString(1, name);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        assertThat(rs.getInt(1)).as("liveness records of " + name).isEqualTo(1);
                    }
                }
            } finally {
                dropUser(s, user);
            }
        }
    }

    /** The MariaDB and MySQL form: a user of any host, granted on the store's database. */
    interface MySQLFamily extends RestrictedUserTests {
        @Override
        default void createDmlOnlyUser(Statement admin, String user) throws SQLException {
            String database;
            try (ResultSet rs = admin.executeQuery("SELECT DATABASE()")) {
                rs.next();
                database = rs.getString(1);
            }
            admin.execute("CREATE USER '" + user + "'@'%'");
            admin.execute("GRANT SELECT, INSERT, UPDATE, DELETE ON `" + database + "`.* TO '" + user + "'@'%'");
        }

        @Override
        default void dropUser(Statement admin, String user) throws SQLException {
            admin.execute("DROP USER '" + user + "'@'%'");
        }
    }
}
