package dev.ipcm.protocol.db;

/**
 * The MySQL protocol on a private temporary MariaDB server, reached with MySQL Connector/J over
 * the server's Unix socket through junixsocket-mysql.
 */
class MySqlTemporaryStoreTest extends AbstractMySqlFamilyStoreTest implements TemporaryServerTests {
    @Override
    public DbTargets target() {
        return DbTargets.MYSQL_TEMPORARY;
    }

    @Override
    String idType() {
        return "varchar(36)";
    }

    /** The MariaDB temporary-server class runs the full 2,000; this one checks the socket path with fewer. */
    @Override
    public int messagesPerWriter() {
        return 250;
    }
}
