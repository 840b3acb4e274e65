package dev.ipcm.protocol.db;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;

/**
 * A private PostgreSQL server: {@code initdb} (trust authentication, superuser named after the OS
 * user, as libpq connects by default), then {@code postgres} listening only on a Unix socket in
 * its directory, with durability settings off because the data is thrown away at unspawn. Route:
 * {@code dbi:Pg:dbname=quickdb;host=<dir>}.
 */
final class TempPostgreSQL extends TempServer {
    static final String ACCOUNT = "postgres";
    private final DbCredentials credentials = new DbCredentials(System.getProperty("user.name", "postgres"), "");

    private TempPostgreSQL() {
        super(runningAsRoot() ? ACCOUNT : null);
    }

    /** Why a temporary PostgreSQL cannot start here, or empty. */
    static Optional<String> missing() {
        if (Binaries.find(Binaries.postgresDirs(), "initdb").isEmpty()
                || Binaries.find(Binaries.postgresDirs(), "postgres").isEmpty()) {
            return Optional.of("no PostgreSQL server binaries (initdb, postgres) were found on the PATH or in "
                    + "/usr/lib/postgresql/*/bin for a temporary server");
        }
        if (runningAsRoot() && !accountExists(ACCOUNT)) {
            return Optional.of("this JVM runs as root, which PostgreSQL refuses, and there is no '" + ACCOUNT
                    + "' account to run a temporary server as");
        }
        return Optional.empty();
    }

    static TempPostgreSQL start() {
        TempPostgreSQL s = new TempPostgreSQL();
        try {
            s.boot();
            return s;
        } catch (RuntimeException e) {
            s.close();
            throw e;
        }
    }

    private void boot() {
        Path initdb = Binaries.find(Binaries.postgresDirs(), "initdb").orElseThrow();
        Path postgres = Binaries.find(Binaries.postgresDirs(), "postgres").orElseThrow();
        Path data = dir.resolve("data");
        run("initdb", asAccount(List.of(initdb.toString(), "-D", data.toString(), "-U", credentials.user(),
                "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync")), dir.resolve("initdb.log"));
        start(asAccount(List.of(postgres.toString(), "-D", data.toString(), "-k", dir.toString(),
                "-c", "listen_addresses=", "-c", "unix_socket_permissions=0700", "-c", "fsync=off",
                "-c", "synchronous_commit=off", "-c", "full_page_writes=off")),
                dir.resolve("server.log"), dir.resolve(".s.PGSQL." + PostgreSQLDialect.DEFAULT_PORT),
                () -> connect("postgres"));
        try (Connection c = connect("postgres"); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE quickdb");
        } catch (SQLException e) {
            throw new DatabaseAccessException("Could not create database quickdb on the temporary server in " + dir
                    + ": " + e.getMessage(), e);
        }
    }

    private Connection connect(String database) {
        DbLocation loc = DbLocation.parse("dbi:Pg:dbname=" + database + ";host=" + dir, false);
        return DbSession.open(PostgreSQLDialect.INSTANCE, loc, PostgreSQLDialect.INSTANCE.target(loc, credentials),
                credentials);
    }

    @Override
    DbLocation location() {
        return DbLocation.parse(route(), false);
    }

    @Override
    String route() {
        return "dbi:Pg:dbname=quickdb;host=" + dir;
    }

    @Override
    DbCredentials credentials() {
        return credentials;
    }

    /** SIGINT is PostgreSQL's fast shutdown: clients are disconnected instead of waited for. */
    @Override
    String stopSignal() {
        return "INT";
    }
}
