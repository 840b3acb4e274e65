package dev.ipcm.protocol.db;

/**
 * The MySQL protocol with MySQL Connector/J. No MySQL server exists on the development machine,
 * so by default this runs against the local MariaDB server ({@code jdbc:mysql://127.0.0.1:3306/test});
 * set {@code IPCM_MYSQL_URL} to use a real MySQL.
 */
class MySQLServerStoreTest extends AbstractMySQLFamilyStoreTest implements ManyWritersTests, ReceiverCrashTests, ConnectErrorTests, RestrictedUserTests.MySQLFamily {
    @Override
    public DbTargets target() {
        return DbTargets.MYSQL_SERVER;
    }

    @Override
    String idType() {
        return "varchar(36)";
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
}
