package dev.ipcm.protocol.db;

/** MariaDB on the configured server (default: 127.0.0.1:3306, user root, empty password). */
class MariaDBServerStoreTest extends AbstractMySQLFamilyStoreTest implements ManyWritersTests, ReceiverCrashTests, ConnectErrorTests, UuidIdTests, RestrictedUserTests.MySQLFamily {
    @Override
    public DbTargets target() {
        return DbTargets.MARIADB_SERVER;
    }

    @Override
    String idType() {
        return "uuid";
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
