package dev.ipcm.protocol.db;

/** PostgreSQL on a private temporary server (run as the postgres account when the tests run as root). */
class PostgreSQLTemporaryStoreTest extends AbstractPostgreSQLStoreTest implements TemporaryServerTests {
    @Override
    public DbTargets target() {
        return DbTargets.POSTGRESQL_TEMPORARY;
    }
}
