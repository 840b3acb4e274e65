package dev.ipcm.protocol.db;

import java.util.Properties;

/**
 * MySQL: the MariaDB schema with {@code id VARCHAR(36)} (MySQL has no UUID type), through MySQL
 * Connector/J; over a Unix socket through junixsocket's socket factory for that driver.
 */
final class MySQLDialect extends MySQLFamilyDialect {
    static final MySQLDialect INSTANCE = new MySQLDialect();
    static final String SOCKET_FACTORY = "org.newsclub.net.mysql.AFUNIXDatabaseSocketFactoryCJ";

    private MySQLDialect() {
        super("MySQL", new Driver("com.mysql.cj.jdbc.Driver", "com.mysql:mysql-connector-j"), "VARCHAR(36)", "mysql");
    }

    @Override
    void useSocket(Properties properties, String socketFile) {
        properties.setProperty("socketFactory", SOCKET_FACTORY);
        properties.setProperty("junixsocket.file", socketFile);
        properties.setProperty("sslMode", "DISABLED");
    }
}
