package dev.ipcm.protocol.db;

import dev.ipcm.spi.Availability;
import dev.ipcm.spi.Capabilities;
import dev.ipcm.spi.SpawnRequest;
import dev.ipcm.spi.Spawned;
import java.util.Optional;

/**
 * A protocol whose store lives on a database server. Spawn takes, in order: the {@code route}
 * parameter (an existing database, used as it is and never dropped); the {@code server}
 * parameter or else the configured server ({@link DatabaseServers}), on which it creates a fresh
 * database that unspawn drops; or a private temporary server started from the binaries on this
 * machine, stopped and deleted by unspawn ({@code server=temporary} asks for one explicitly).
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

    /** Starts a private temporary server with an empty database. */
    abstract TempServer startTempServer();

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

    @Override
    public Spawned spawn(SpawnRequest request) {
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
            ServerDatabase db = ServerDatabase.create(this, location(server.get()), request.params());
            try {
                createTables(db.location(), db.credentials());
            } catch (RuntimeException e) {
                db.close();
                throw e;
            }
            DbCredentials.remember(db.route(), db.credentials());
            return new Spawned(db.route(), db);
        }
        Optional<String> missing = tempServerMissing();
        if (missing.isPresent()) {
            throw new DatabaseAccessException("Cannot spawn a " + name() + " store: no server is configured and "
                    + missing.get() + "; " + DatabaseServers.howToConfigure(kind) + ", or " + tempServerRemedy());
        }
        TempServer temp = startTempServer();
        try {
            createTables(temp.location(), temp.credentials());
        } catch (RuntimeException e) {
            temp.close();
            throw e;
        }
        DbCredentials.remember(temp.route(), temp.credentials());
        return new Spawned(temp.route(), temp);
    }

    @Override
    public void unspawn(String route, AutoCloseable stash) {
        DbCredentials.forget(route);
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
