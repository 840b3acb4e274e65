package dev.ipcm.protocol.db;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ipcm.Store;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** MariaDB and MySQL specifics. */
abstract class AbstractMySQLFamilyStoreTest extends AbstractDbStoreTest
        implements ServerStoreTests, MySQLFamilyTests, LivenessTokenTests {
    @Override
    public Store store() {
        return store;
    }

    /** {@code uuid} on MariaDB, {@code varchar(36)} on MySQL. */
    abstract String idType();

    @Override
    List<String> expectedColumns() {
        return List.of("ipcm_peers.id varchar(512)", "ipcm_peers.pid int(11)", "ipcm_peers.active double",
                "ipcm_peers.stats blob", "ipcm_peers.suspend_expires double",
                "ipcm_messages.id " + idType(), "ipcm_messages.to varchar(512)", "ipcm_messages.from varchar(512)",
                "ipcm_messages.stamp double", "ipcm_messages.content blob", "ipcm_messages.broadcast tinyint(1)");
    }

    @Override
    List<String> actualColumns(Connection c) throws SQLException {
        List<String> out = new ArrayList<>();
        for (String table : List.of("ipcm_peers", "ipcm_messages")) {
            try (PreparedStatement ps = c.prepareStatement("SELECT COLUMN_NAME, COLUMN_TYPE FROM information_schema.columns "
                    + "WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION")) {
                ps.setString(1, table);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(table + "." + rs.getString(1) + " " + rs.getString(2));
                    }
                }
            }
        }
        return out;
    }

    @Test
    void foreignKeysCascadeAsInTheReference() throws SQLException {
        assertThat(rows("SELECT CONSTRAINT_NAME, DELETE_RULE FROM information_schema.REFERENTIAL_CONSTRAINTS "
                + "WHERE CONSTRAINT_SCHEMA = DATABASE() AND TABLE_NAME = 'ipcm_messages' ORDER BY CONSTRAINT_NAME"))
                .containsExactly("ipcm_messages_ibfk_1 CASCADE", "ipcm_messages_ibfk_2 CASCADE");
    }
}
