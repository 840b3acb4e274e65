package dev.ipcm.protocol.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;

/** PostgreSQL on a private temporary server (run as the postgres account when the tests run as root). */
class PostgreSQLTemporaryStoreTest extends AbstractPostgreSQLStoreTest implements TemporaryServerTests {
    @Override
    public DbTargets target() {
        return DbTargets.POSTGRESQL_TEMPORARY;
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
