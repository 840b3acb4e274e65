package dev.ipcm.protocol.db;

import dev.ipcm.Capabilities;
import dev.ipcm.Client;
import dev.ipcm.spi.Availability;
import dev.ipcm.spi.ConnectRequest;
import dev.ipcm.spi.Protocol;
import java.sql.Connection;
import java.sql.SQLException;

/** The shared half of the four database protocols; a subclass picks the dialect and how spawn finds a database. */
abstract class DatabaseProtocol implements Protocol {
    final Dialect dialect;
    final SqlStore sql;
    private final Capabilities capabilities;

    DatabaseProtocol(Dialect dialect, Capabilities capabilities) {
        this.dialect = dialect;
        this.sql = new SqlStore(dialect);
        this.capabilities = capabilities;
    }

    @Override
    public String name() {
        return dialect.protocolName();
    }

    @Override
    public Capabilities capabilities() {
        return capabilities;
    }

    @Override
    public Availability availability() {
        if (!classPresent(dialect.driverClass())) {
            return Availability.unavailable("the " + name() + " JDBC driver " + dialect.driverClass()
                    + " is not on the class path", "add the dependency " + dialect.driverArtifact());
        }
        return databaseAvailability();
    }

    /** Availability once the driver is known to be present. */
    abstract Availability databaseAvailability();

    @Override
    public Client connect(ConnectRequest request) {
        return SqlClient.open(request, this);
    }

    /** How a client of this protocol waits for messages. */
    abstract ActivityWaiter waiter(DbSession session, String clientName);

    /** The parsed route. */
    DbLocation location(String route) {
        return DbLocation.parse(route, false);
    }

    /** Creates the two tables at a location (spawn's last step). */
    void createTables(DbLocation location, DbCredentials credentials) {
        DbSession.requireDriver(dialect);
        try (Connection c = DbSession.open(dialect, location, dialect.target(location, credentials), credentials)) {
            sql.createTables(c);
        } catch (SQLException e) {
            throw DbSession.failure(dialect, location, "create the ipcm tables", e);
        }
    }

    static boolean classPresent(String className) {
        try {
            Class.forName(className, false, DatabaseProtocol.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
