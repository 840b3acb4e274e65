package dev.ipcm.protocol.db.server;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * A private MariaDB server: {@code mariadb-install-db} (root with an empty password), then
 * {@code mariadbd} with networking off and its socket at {@code <dir>/mysql.sock}, utf8mb4 with the
 * case-insensitive {@code utf8mb4_general_ci} collation (the usual server default, which the
 * reference's stores are used with), and relaxed durability because the data is thrown away at
 * unspawn. Route: {@code dbi:MariaDB:dbname=quickdb;mariadb_socket=<dir>/mysql.sock}. The MySQL
 * protocol uses it too.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class TempMariaDB extends TempServer {
    static final String ACCOUNT = "mysql";
    /** InnoDB's default 96 MB redo log would make every temporary store cost over 100 MB of disk. */
    private static final String SMALL_LOG = "--innodb-log-file-size=8M";

    /** SIGTERM is mariadbd's normal shutdown, which closes client connections. */
    private TempMariaDB() throws TemporaryServerException {
        super(runningAsRoot() ? ACCOUNT : null, "root", "TERM");
    }

    /** Why a temporary MariaDB cannot start here, or empty. */
    public static Optional<String> missing() {
        return cannotStart(installer().isPresent() && server().isPresent(), "no MariaDB server binaries "
                + "(mariadb-install-db, mariadbd) were found on the PATH or in /usr/sbin for a temporary server",
                ACCOUNT, "this JVM runs as root");
    }

    private static Optional<Path> installer() {
        return Binaries.find(Binaries.mariadbDirs(), "mariadb-install-db", "mysql_install_db");
    }

    private static Optional<Path> server() {
        return Binaries.find(Binaries.mariadbDirs(), "mariadbd", "mysqld");
    }

    /** Starts a server with an empty {@code quickdb}; {@code connector} opens its connections. */
    public static TempMariaDB start(Connector connector) throws TemporaryServerException {
        return booted(new TempMariaDB(), connector);
    }

    @Override
    void boot(Connector connector) throws TemporaryServerException {
        Path data = dir.resolve("data");
        List<String> install = new ArrayList<>(List.of(installer().orElseThrow().toString(), "--no-defaults",
                "--datadir=" + data, "--auth-root-authentication-method=normal", "--skip-test-db", SMALL_LOG,
                tmpdir()));
        List<String> serve = new ArrayList<>(List.of(server().orElseThrow().toString(), "--no-defaults",
                "--datadir=" + data, "--socket=" + socket(), "--skip-networking", "--pid-file=" + dir.resolve("mariadbd.pid"),
                "--log-error=" + dir.resolve("error.log"), "--character-set-server=utf8mb4",
                "--collation-server=utf8mb4_general_ci", "--innodb-buffer-pool-size=32M",
                "--innodb-flush-log-at-trx-commit=2", "--skip-log-bin", SMALL_LOG, tmpdir()));
        if (account != null) {
            // mariadbd drops root privileges itself when told which account to become.
            install.add("--user=" + account);
            serve.add("--user=" + account);
        }
        run("mariadb-install-db", install, dir.resolve("install.log"));
        String noDatabase = "dbi:MariaDB:dbname=;mariadb_socket=" + socket();
        start(serve, dir.resolve("server.log"), socket(), () -> connector.open(noDatabase, user()));
        createQuickdb(() -> connector.open(noDatabase, user()));
    }

    /**
     * The server's own directory for its temporary files: otherwise mariadbd writes them to the
     * inherited {@code $TMPDIR}, and fails ("Can't create/write to file ... Permission denied",
     * the installer then only "exit 1") when that is a directory the {@code mysql} account cannot write.
     */
    private String tmpdir() {
        return "--tmpdir=" + dir;
    }

    private Path socket() {
        return dir.resolve("mysql.sock");
    }

    @Override
    public String route() {
        return "dbi:MariaDB:dbname=quickdb;mariadb_socket=" + socket();
    }
}
