package dev.ipcm.protocol.db;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A private MariaDB server: {@code mariadb-install-db} (root with an empty password), then
 * {@code mariadbd} with networking off and its socket at {@code <dir>/mysql.sock}, utf8mb4 with the
 * case-insensitive {@code utf8mb4_general_ci} collation (the usual server default the spec
 * observed), and relaxed durability because the data is thrown away at unspawn. Route:
 * {@code dbi:MariaDB:dbname=quickdb;mariadb_socket=<dir>/mysql.sock}.
 */
final class TempMariaDB extends TempServer {
    static final String ACCOUNT = "mysql";
    /** InnoDB's default 96 MB redo log would make every temporary store cost over 100 MB of disk. */
    private static final String SMALL_LOG = "--innodb-log-file-size=8M";
    private final Dialect dialect;
    private final DbCredentials credentials;

    private TempMariaDB(Dialect dialect) {
        super(runningAsRoot() ? ACCOUNT : null);
        this.dialect = dialect;
        this.credentials = new DbCredentials("root", "");
    }

    /** Why a temporary MariaDB cannot start here, or empty. */
    static Optional<String> missing() {
        if (installer().isEmpty() || server().isEmpty()) {
            return Optional.of("no MariaDB server binaries (mariadb-install-db, mariadbd) were found on the PATH or in "
                    + "/usr/sbin for a temporary server");
        }
        if (runningAsRoot() && !accountExists(ACCOUNT)) {
            return Optional.of("this JVM runs as root and there is no '" + ACCOUNT
                    + "' account to run a temporary server as");
        }
        return Optional.empty();
    }

    private static Optional<Path> installer() {
        return Binaries.find(Binaries.mariadbDirs(), "mariadb-install-db", "mysql_install_db");
    }

    private static Optional<Path> server() {
        return Binaries.find(Binaries.mariadbDirs(), "mariadbd", "mysqld");
    }

    static TempMariaDB start(Dialect dialect) {
        TempMariaDB s = new TempMariaDB(dialect);
        try {
            s.boot();
            return s;
        } catch (RuntimeException e) {
            s.close();
            throw e;
        }
    }

    private void boot() {
        Path data = dir.resolve("data");
        List<String> install = new ArrayList<>(List.of(installer().orElseThrow().toString(), "--no-defaults",
                "--datadir=" + data, "--auth-root-authentication-method=normal", "--skip-test-db", SMALL_LOG));
        List<String> serve = new ArrayList<>(List.of(server().orElseThrow().toString(), "--no-defaults",
                "--datadir=" + data, "--socket=" + socket(), "--skip-networking", "--pid-file=" + dir.resolve("mariadbd.pid"),
                "--log-error=" + dir.resolve("error.log"), "--character-set-server=utf8mb4",
                "--collation-server=utf8mb4_general_ci", "--innodb-buffer-pool-size=32M",
                "--innodb-flush-log-at-trx-commit=2", "--skip-log-bin", SMALL_LOG));
        if (account != null) {
            // mariadbd drops root privileges itself when told which account to become.
            install.add("--user=" + account);
            serve.add("--user=" + account);
        }
        run("mariadb-install-db", install, dir.resolve("install.log"));
        start(serve, dir.resolve("server.log"), socket(), () -> connect(""));
        try (Connection c = connect(""); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE quickdb");
        } catch (SQLException e) {
            throw new DatabaseAccessException("Could not create database quickdb on the temporary server in " + dir
                    + ": " + e.getMessage(), e);
        }
    }

    private Path socket() {
        return dir.resolve("mysql.sock");
    }

    private Connection connect(String database) {
        DbLocation loc = DbLocation.parse("dbi:MariaDB:dbname=" + database + ";mariadb_socket=" + socket(), false);
        return DbSession.open(dialect, loc, dialect.target(loc, credentials), credentials);
    }

    @Override
    DbLocation location() {
        return DbLocation.parse(route(), false);
    }

    @Override
    String route() {
        return "dbi:MariaDB:dbname=quickdb;mariadb_socket=" + socket();
    }

    @Override
    DbCredentials credentials() {
        return credentials;
    }

    /** SIGTERM is mariadbd's normal shutdown, which closes client connections. */
    @Override
    String stopSignal() {
        return "TERM";
    }
}
