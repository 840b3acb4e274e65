package dev.ipcm.protocol.db;

/** PostgreSQL on the configured server (default: 127.0.0.1:5432, database test, user postgres). */
class PostgresServerStoreTest extends AbstractPostgresStoreTest implements ConnectErrorTests {
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
}
