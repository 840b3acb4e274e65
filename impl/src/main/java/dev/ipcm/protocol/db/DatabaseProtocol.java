package dev.ipcm.protocol.db;

import dev.ipcm.Capabilities;
import dev.ipcm.Client;
import dev.ipcm.spi.Availability;
import dev.ipcm.spi.ConnectRequest;
import dev.ipcm.internal.DataSources;
import dev.ipcm.spi.Protocol;
import dev.ipcm.spi.SpawnRequest;
import dev.ipcm.spi.Spawned;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;

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

    /**
     * The application's pool a client uses: the one it was given, else the one its store was
     * spawned on in this JVM; empty to connect through the driver.
     */
    Optional<DataSource> pool(ConnectRequest request) {
        Optional<String> id = request.param(DataSources.PARAM);
        if (id.isPresent()) {
            return Optional.of(DataSources.byId(id.get()).orElseThrow(() -> new DatabaseAccessException("The '"
                    + DataSources.PARAM + "' parameter '" + id.get() + "' names no DataSource of this JVM; pass the "
                    + "pool with Ipcm.connect(name, info, dataSource)")));
        }
        return DataSources.byRoute(request.route());
    }

    /**
     * Spawns on the application's pool when the request names one: the tables go into the
     * database it serves, whose route (without credentials) the info string carries; empty when
     * it names none. The database stays when the store is removed, as with a {@code route}.
     */
    Optional<Spawned> spawnOnPool(SpawnRequest request) {
        Optional<String> id = request.param(DataSources.PARAM);
        if (id.isEmpty()) {
            return Optional.empty();
        }
        DataSource pool = DataSources.byId(id.get()).orElseThrow(() -> new DatabaseAccessException("The '"
                + DataSources.PARAM + "' parameter '" + id.get() + "' names no DataSource of this JVM; use "
                + "SpawnOptions.dataSource(pool)"));
        DbLocation location;
        DbSession.requireDriver(dialect);
        try (Connection c = pool.getConnection()) {
            String url = c.getMetaData().getURL();
            if (!DataSources.protocolOfUrl(url).filter(name()::equals).isPresent()) {
                throw new DatabaseAccessException("The DataSource serves '" + DbLocation.redact(url) + "', not a "
                        + name() + " database; spawn with the protocol of that database");
            }
            location = location(url);
            sql.createTables(c);
        } catch (SQLException e) {
            throw new DatabaseAccessException("Could not create the ipcm tables through the application's DataSource: "
                    + e.getMessage(), e);
        }
        String route = location.perlRoute();
        DataSources.rememberRoute(route, pool);
        return Optional.of(new Spawned(route, null));
    }

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
