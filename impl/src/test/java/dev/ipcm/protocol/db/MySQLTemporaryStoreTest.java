package dev.ipcm.protocol.db;

/**
 * The MySQL protocol on a private temporary MariaDB server, reached with MySQL Connector/J over
 * the server's Unix socket through junixsocket-mysql. The many-writers exchange is left to the
 * MariaDB classes (same server) and the configured MySQL target, to keep the suite's time down.
 */
class MySQLTemporaryStoreTest extends AbstractMySQLFamilyStoreTest
        implements ReceiverCrashTests, TemporaryServerTests {
    @Override
    public DbTargets target() {
        return DbTargets.MYSQL_TEMPORARY;
    }

    @Override
    String idType() {
        return "varchar(36)";
    }
}
