package dev.ipcm.protocol.db;

import dev.ipcm.internal.SweepOnce;
import dev.ipcm.protocol.db.server.DatabaseOwners;
import dev.ipcm.protocol.db.server.DatabaseServers;
import dev.ipcm.protocol.db.server.ServerDatabase;
import dev.ipcm.protocol.db.server.TempServer;
import dev.ipcm.protocol.db.server.TemporaryServerException;
import dev.ipcm.spi.Availability;
import dev.ipcm.Capabilities;
import dev.ipcm.spi.SpawnRequest;
import dev.ipcm.spi.Spawned;
import dev.ipcm.spi.StoreOwner;
import dev.ipcm.internal.DataSources;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;

/**
 * A protocol whose store lives on a database server. Spawn takes, in order: the {@code route}
 * parameter (an existing database, used as it is and never dropped); the {@code server}
 * parameter or else the configured server ({@link DatabaseServers}), on which it creates a fresh
 * database that unspawn drops; or a private temporary server started from the binaries on this
 * machine, stopped and deleted by unspawn ({@code server=temporary} asks for one explicitly).
 * The servers and databases themselves are {@code dev.ipcm.protocol.db.server}'s.
 */
abstract class ServerProtocol extends DatabaseProtocol {
    /** Spawn parameter naming the server to create the store's database on, overriding the configured one. */
    static final String SERVER_PARAM = "server";
    /** Value of {@link #SERVER_PARAM} that asks for a private temporary server even when one is configured. */
    static final String TEMPORARY = "temporary";
    final DatabaseServers.Kind kind;

    ServerProtocol(Dialect dialect, Capabilities capabilities, DatabaseServers.Kind kind) {
        super(dialect, capabilities);
        this.kind = kind;
    }

    /** Why a temporary server cannot be started here, or empty when it can. */
    abstract Optional<String> tempServerMissing();

    /** Starts a private temporary server with an empty database; {@link #connectAs} opens its connections. */
    abstract TempServer startTempServer() throws TemporaryServerException;

    /** What to install for a temporary server, for availability remedies. */
    abstract String tempServerRemedy();

    @Override
    Availability databaseAvailability() {
        if (DatabaseServers.configuredUrl(kind).isPresent()) {
            return Availability.available();
        }
        Optional<String> missing = tempServerMissing();
        if (missing.isEmpty()) {
            return Availability.available();
        }
        return Availability.unavailable("no " + name() + " server is configured and " + missing.get(),
                DatabaseServers.howToConfigure(kind) + ", or " + tempServerRemedy());
    }

    /**
     * {@code route} (a DSN), {@code server} (a server URL or {@code temporary}), the credentials,
     * and the application's pool that {@code SpawnOptions.dataSource} names.
     */
    @Override
    public java.util.Optional<java.util.Set<String>> spawnParameters() {
        return java.util.Optional.of(java.util.Set.of("route", SERVER_PARAM, "user", "username", "password", "pass",
                DataSources.PARAM));
    }

    @Override
    public Spawned spawn(SpawnRequest request) {
        Optional<Spawned> onPool = spawnOnPool(request);
        if (onPool.isPresent()) {
            return onPool.get();
        }
        Optional<String> route = request.param("route");
        if (route.isPresent()) {
            DbLocation location = location(route.get());
            // First: a route the info string cannot carry is refused before anything is created.
            String perlRoute = location.perlRoute();
            DbCredentials credentials = DbCredentials.resolve(request.params(), location);
            createTables(location, credentials);
            DbCredentials.remember(perlRoute, credentials);
            return new Spawned(perlRoute, null);
        }
        Optional<String> server = request.param(SERVER_PARAM).or(() -> DatabaseServers.configuredUrl(kind));
        if (server.isPresent() && !server.get().equals(TEMPORARY)) {
            return onServer(location(server.get()), DbCredentials.resolve(request.params(), location(server.get())));
        }
        Optional<String> missing = tempServerMissing();
        if (missing.isPresent()) {
            throw new DatabaseAccessException("Cannot spawn a " + name() + " store: no server is configured and "
                    + missing.get() + "; " + DatabaseServers.howToConfigure(kind) + ", or " + tempServerRemedy());
        }
        TempServer temp;
        try {
            temp = startTempServer();
        } catch (TemporaryServerException e) {
            throw new DatabaseAccessException(e.getMessage(), e.getCause());
        }
        return withTables(temp.route(), new DbCredentials(temp.user(), ""), temp);
    }

    /** A database on a configured server records its owner ({@link DatabaseOwners}); other stores record none. */
    @Override
    public void recordOwner(String route, AutoCloseable stash, Optional<StoreOwner> owner) {
        if (stash instanceof ServerDatabase db) {
            db.recordOwner(owner);
        }
    }

    /**
     * Databases on the server a spawn of {@code request} creates its database on. A temporary
     * server needs no sweep: its watchdog stops it and deletes its directory when its JVM dies.
     */
    @Override
    public void sweepDeadOwners(SpawnRequest request) {
        if (request.param("route").isPresent() || request.param(DataSources.PARAM).isPresent()) {
            return;
        }
        Optional<String> server = request.param(SERVER_PARAM).or(() -> DatabaseServers.configuredUrl(kind));
        if (server.isEmpty() || server.get().equals(TEMPORARY)) {
            return;
        }
        DbLocation location = location(server.get());
        DbCredentials credentials = DbCredentials.resolve(request.params(), location);
        SweepOnce.run(name() + " databases on " + location, () -> sweepServer(location, credentials));
    }

    /** Drops every ipcm database on {@code server} whose recorded owner is dead here; every time it is called. */
    void sweepServer(DbLocation server, DbCredentials credentials) {
        boolean postgres = dialect instanceof PostgreSQLDialect;
        List<String> dead;
        try (Connection c = DbSession.open(dialect, server, dialect.target(server, credentials), credentials)) {
            dead = DatabaseOwners.deadOwners(c, postgres);
        } catch (SQLException e) {
            throw DbSession.failure(dialect, server, "list the ipcm databases and their owners", e);
        }
        for (String name : dead) {
            try {
                ServerDatabase.existing(admin(server, credentials), name, postgres, server.toString()).close();
                SweepOnce.swept("database " + name + " on " + server);
            } catch (RuntimeException e) {
                SweepOnce.warn("could not drop database " + name + " on " + server + " although its owner died: " + e);
            }
        }
    }

    /** A fresh database on a configured server; its stash drops it. */
    private Spawned onServer(DbLocation server, DbCredentials credentials) {
        String name = ServerDatabase.freshName();
        // Connect through the Perl route, exactly as every other client of the store will; a route the
        // info string cannot carry is refused before the database is created.
        String route = server.withDatabase(name).perlRoute();
        ServerDatabase db = ServerDatabase.create(admin(server, credentials), name,
                dialect instanceof PostgreSQLDialect, server.toString());
        return withTables(route, credentials, db);
    }

    /** Creates the tables of a new store; when that fails, the server or database goes again. */
    private Spawned withTables(String route, DbCredentials credentials, AutoCloseable stash) {
        try {
            createTables(location(route), credentials);
        } catch (RuntimeException e) {
            closeStash(route, stash);
            throw e;
        }
        DbCredentials.remember(route, credentials);
        return new Spawned(route, stash);
    }

    /** Statements on the server as its administrator, through this protocol's dialect. */
    private ServerDatabase.Admin admin(DbLocation server, DbCredentials credentials) {
        return (what, statement) -> {
            try (Connection c = DbSession.open(dialect, server, dialect.target(server, credentials), credentials);
                    Statement s = c.createStatement()) {
                s.execute(statement);
            } catch (SQLException e) {
                throw DbSession.failure(dialect, server, what, e);
            }
        };
    }

    /** A connection to a temporary server's database, as {@code user} with no password. */
    final Connection connectAs(String route, String user) {
        DbLocation location = location(route);
        DbCredentials credentials = new DbCredentials(user, "");
        return DbSession.open(dialect, location, dialect.target(location, credentials), credentials);
    }

    @Override
    public void unspawn(String route, AutoCloseable stash) {
        DbCredentials.forget(route);
        DataSources.forgetRoute(route);
        closeStash(route, stash);
    }

    private void closeStash(String route, AutoCloseable stash) {
        if (stash != null) {
            try {
                stash.close();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new DatabaseAccessException("Could not remove the " + name() + " store '" + route + "': "
                        + e.getMessage(), e);
            }
        }
    }

    /**
     * Server stores are checked when a client connects, which reports a missing database or
     * server precisely (with the setting to fix) instead of a bare "does not exist".
     */
    @Override
    public boolean storeExists(String route) {
        return true;
    }
}
