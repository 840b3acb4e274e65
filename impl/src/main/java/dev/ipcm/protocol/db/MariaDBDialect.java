package dev.ipcm.protocol.db;

import java.util.Properties;

/** MariaDB (10.7 or later for the UUID column type), through MariaDB Connector/J. */
final class MariaDBDialect extends MySQLFamilyDialect {
    static final MariaDBDialect INSTANCE = new MariaDBDialect();

    @Override
    String protocolName() {
        return "MariaDB";
    }

    @Override
    String driverClass() {
        return "org.mariadb.jdbc.Driver";
    }

    @Override
    String driverArtifact() {
        return "org.mariadb.jdbc:mariadb-java-client";
    }

    @Override
    String idType() {
        return "UUID";
    }

    @Override
    String subProtocol() {
        return "mariadb";
    }

    @Override
    void useSocket(Properties properties, String socketFile) {
        properties.setProperty("localSocket", socketFile);
    }
}
