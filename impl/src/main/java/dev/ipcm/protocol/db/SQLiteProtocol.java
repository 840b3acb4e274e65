package dev.ipcm.protocol.db;

import dev.ipcm.Capabilities;
import dev.ipcm.Capability;
import dev.ipcm.StoreGoneException;
import dev.ipcm.internal.DataSources;
import dev.ipcm.protocol.directory.OwnerFiles;
import dev.ipcm.spi.Availability;
import dev.ipcm.spi.SpawnRequest;
import dev.ipcm.spi.Spawned;
import dev.ipcm.spi.StoreOwner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * SQLite: a store in one database file that any process on the machine can open, shared with
 * IPC::Manager's {@code SQLite} protocol. The route is the file's path. Spawn creates a private
 * (0600) file {@code PerlIPCManager-<pid>-XXXXXX.sqlite} in the temporary directory unless given
 * a {@code route}; unspawn deletes the file. Receivers wake through a file watch on the
 * database's directory.
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class SQLiteProtocol extends DatabaseProtocol {
    static final Capabilities CAPABILITIES = Capabilities.of(Capability.CROSS_PROCESS, Capability.SUSPEND,
            Capability.DISCONNECTED_PEERS_ADDRESSABLE, Capability.KEEPS_MAIL).withMaxMessageBytes(SQLiteDialect.INSTANCE.maxContentBytes());

    /** The protocol, as {@link java.util.ServiceLoader} creates it. */
    public SQLiteProtocol() {
        super(SQLiteDialect.INSTANCE, CAPABILITIES);
    }

    @Override
    Availability databaseAvailability() {
        return Availability.available();
    }

    @Override
    DbLocation location(String route) {
        return DbLocation.parse(route, true);
    }

    /** {@code route} (this file or DSN), {@code template} (the file name's start) and the pool of {@code SpawnOptions.dataSource}. */
    @Override
    public java.util.Optional<java.util.Set<String>> spawnParameters() {
        return java.util.Optional.of(java.util.Set.of("route", "template", DataSources.PARAM));
    }

    @Override
    public Spawned spawn(SpawnRequest request) {
        Optional<Spawned> onPool = spawnOnPool(request);
        if (onPool.isPresent()) {
            return onPool.get();
        }
        DbSession.requireDriver(dialect);
        Path file = request.param("route").map(r -> Path.of(location(r).database)).orElseGet(() -> newFile(request));
        try (Connection c = DriverManager.getConnection(SQLiteDialect.INSTANCE.creatingTarget(file.toString()).url(),
                SQLiteDialect.INSTANCE.creatingTarget(file.toString()).properties())) {
            sql.createTables(c);
        } catch (SQLException e) {
            throw DbSession.failure(dialect, location(file.toString()), "create the ipcm tables", e);
        }
        return new Spawned(file.toString(), null);
    }

    private static Path newFile(SpawnRequest request) {
        String template = request.param("template").orElse("PerlIPCManager-" + ProcessHandle.current().pid() + "-");
        try {
            return Files.createTempFile(tempDir(), template, ".sqlite",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create a SQLite store file in " + tempDir(), e);
        }
    }

    private static Path tempDir() {
        String tmp = System.getenv("TMPDIR");
        return Path.of(tmp != null && !tmp.isBlank() ? tmp : System.getProperty("java.io.tmpdir", "/tmp"));
    }

    /** Beside the database file ({@link OwnerFiles}); a store on the application's pool gets none. */
    @Override
    public void recordOwner(String route, AutoCloseable stash, Optional<StoreOwner> owner) {
        if (DataSources.byRoute(route).isPresent()) {
            return;
        }
        OwnerFiles.record(Path.of(location(route).database), referenceName(), owner);
    }

    /** Database files of this protocol in the directory a spawn of {@code request} creates its file in. */
    @Override
    public void sweepDeadOwners(SpawnRequest request) {
        if (request.param(DataSources.PARAM).isPresent()) {
            return;
        }
        Path parent = request.param("route").map(r -> Path.of(location(r).database).toAbsolutePath().getParent())
                .orElseGet(SQLiteProtocol::tempDir);
        OwnerFiles.sweepOnce(parent, referenceName(), route -> unspawn(route, null));
    }

    /** Deletes the database file (and a leftover rollback journal), as the reference does, even for a given route. */
    @Override
    public void unspawn(String route, AutoCloseable stash) {
        String path = location(route).database;
        DataSources.forgetRoute(route);
        try {
            Files.deleteIfExists(Path.of(path));
            Files.deleteIfExists(Path.of(path + "-journal"));
            OwnerFiles.remove(Path.of(path));
        } catch (IOException e) {
            throw new StoreGoneException("Could not delete the SQLite store '" + path + "': " + e.getMessage(), e);
        }
    }

    @Override
    public boolean storeExists(String route) {
        return Files.exists(Path.of(location(route).database));
    }

    /** Refuses a route that is no ipcm SQLite store before a client registers there ({@link SQLiteFileCheck}). */
    @Override
    public dev.ipcm.Client connect(dev.ipcm.spi.ConnectRequest request) {
        if (request.param(DataSources.PARAM).isEmpty() && DataSources.byRoute(request.route()).isEmpty()) {
            DbSession.requireDriver(dialect);
            SQLiteFileCheck.require(Path.of(location(request.route()).database));
        }
        return super.connect(request);
    }

    @Override
    ActivityWaiter waiter(DbSession session, String clientName) {
        String journalMode = session.call("read the journal mode of '" + session.location.database + "'", c -> {
            try (Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("PRAGMA journal_mode")) {
                return rs.next() ? rs.getString(1) : "delete";
            }
        });
        return FileWatchWaiter.forFile(Path.of(session.location.database), journalMode);
    }
}
