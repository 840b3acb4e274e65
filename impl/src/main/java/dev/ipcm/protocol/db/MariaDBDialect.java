package dev.ipcm.protocol.db;

import java.util.Properties;

/** MariaDB (10.7 or later for the UUID column type), through MariaDB Connector/J. */
final class MariaDBDialect extends MySQLFamilyDialect {
    static final MariaDBDialect INSTANCE = new MariaDBDialect();

    private MariaDBDialect() {
        super("MariaDB", new Driver("org.mariadb.jdbc.Driver", "org.mariadb.jdbc:mariadb-java-client"), "UUID", "mariadb");
    }

    /**
     * A UUID column hands an id back in lower case; IPC::Manager and this library write ids in
     * upper case, so the spelling the sender used is restored and a message arrives as it was sent.
     */
    @Override
    String readId(String stored) {
        return stored == null ? null : stored.toUpperCase(java.util.Locale.ROOT);
    }

    /** The id column is of the UUID type: a non-UUID id is refused here, as on PostgreSQL, not by the server. */
    @Override
    void bindId(java.sql.PreparedStatement ps, int index, String id) throws java.sql.SQLException {
        uuidId(id);
        super.bindId(ps, index, id);
    }

    @Override
    void useSocket(Properties properties, String socketFile) {
        properties.setProperty("localSocket", socketFile);
    }
}
