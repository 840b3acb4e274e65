package dev.ipcm.protocol.db.server;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * A private PostgreSQL server: {@code initdb} (trust authentication, superuser named after the OS
 * user, as libpq connects by default), then {@code postgres} listening only on a Unix socket in
 * its directory, with durability settings off because the data is thrown away at unspawn. Route:
 * {@code dbi:Pg:dbname=quickdb;host=<dir>}.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class TempPostgreSQL extends TempServer {
    static final String ACCOUNT = "postgres";
    /** The port in the socket's file name, {@code .s.PGSQL.5432}: the server listens on no TCP port. */
    private static final int SOCKET_PORT = 5432;

    /** SIGINT is PostgreSQL's fast shutdown: clients are disconnected instead of waited for. */
    private TempPostgreSQL() throws TemporaryServerException {
        super(runningAsRoot() ? ACCOUNT : null, System.getProperty("user.name", "postgres"), "INT");
    }

    /** Why a temporary PostgreSQL cannot start here, or empty. */
    public static Optional<String> missing() {
        boolean found = Binaries.find(Binaries.postgresDirs(), "initdb").isPresent()
                && Binaries.find(Binaries.postgresDirs(), "postgres").isPresent();
        return cannotStart(found, "no PostgreSQL server binaries (initdb, postgres) were found on the PATH or in "
                + "/usr/lib/postgresql/*/bin for a temporary server", ACCOUNT, "this JVM runs as root, which PostgreSQL refuses,");
    }

    /** Starts a server with an empty {@code quickdb}; {@code connector} opens its connections. */
    public static TempPostgreSQL start(Connector connector) throws TemporaryServerException {
        return booted(new TempPostgreSQL(), connector);
    }

    @Override
    void boot(Connector connector) throws TemporaryServerException {
        Path initdb = Binaries.find(Binaries.postgresDirs(), "initdb").orElseThrow();
        Path postgres = Binaries.find(Binaries.postgresDirs(), "postgres").orElseThrow();
        Path data = dir.resolve("data");
        run("initdb", asAccount(List.of(initdb.toString(), "-D", data.toString(), "-U", user(),
                "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync")), dir.resolve("initdb.log"));
        String maintenance = "dbi:Pg:dbname=postgres;host=" + dir;
        start(asAccount(List.of(postgres.toString(), "-D", data.toString(), "-k", dir.toString(),
                "-c", "listen_addresses=", "-c", "unix_socket_permissions=0700", "-c", "fsync=off",
                "-c", "synchronous_commit=off", "-c", "full_page_writes=off")),
                dir.resolve("server.log"), dir.resolve(".s.PGSQL." + SOCKET_PORT),
                () -> connector.open(maintenance, user()));
        createQuickdb(() -> connector.open(maintenance, user()));
    }

    @Override
    public String route() {
        return "dbi:Pg:dbname=quickdb;host=" + dir;
    }
}
