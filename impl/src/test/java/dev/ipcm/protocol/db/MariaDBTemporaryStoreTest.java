package dev.ipcm.protocol.db;

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
}
