package dev.ipcm.protocol.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;

/** MariaDB on a private temporary server (run as the mysql account when the tests run as root). */
class MariaDBTemporaryStoreTest extends AbstractMySQLFamilyStoreTest implements ManyWritersTests, ReceiverCrashTests, TemporaryServerTests {
    @Override
    public DbTargets target() {
        return DbTargets.MARIADB_TEMPORARY;
    }

    @Override
    String idType() {
        return "uuid";
    }

    @Override
    @AfterAll
    void closeStore() {
        Path dir = store == null ? null : serverDir();
        super.closeStore();
        if (dir != null) {
            assertThat(dir).as("the temporary server's directory after unspawn").doesNotExist();
        }
    }
}
