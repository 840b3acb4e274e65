package dev.ipcm.protocol.db;

import java.util.Properties;

/**
 * MySQL: the MariaDB schema with {@code id VARCHAR(36)} (MySQL has no UUID type), through MySQL
 * Connector/J; over a Unix socket through junixsocket's socket factory for that driver.
 */
final class MySQLDialect extends MySQLFamilyDialect {
    static final MySQLDialect INSTANCE = new MySQLDialect();
    static final String SOCKET_FACTORY = "org.newsclub.net.mysql.AFUNIXDatabaseSocketFactoryCJ";

    @Override
    String protocolName() {
        return "MySQL";
    }

    @Override
    String driverClass() {
        return "com.mysql.cj.jdbc.Driver";
    }

    @Override
    String driverArtifact() {
        return "com.mysql:mysql-connector-j";
    }

    @Override
    String idType() {
        return "VARCHAR(36)";
    }

    @Override
    String subProtocol() {
        return "mysql";
    }

    @Override
    void useSocket(Properties properties, String socketFile) {
        properties.setProperty("socketFactory", SOCKET_FACTORY);
        properties.setProperty("junixsocket.file", socketFile);
        properties.setProperty("sslMode", "DISABLED");
    }
}
