package dev.ipcm.protocol.db.server;

import dev.ipcm.os.Os;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apiguardian.api.API;

/**
 * A private database server started for one store, as DBIx::QuickDB does for IPC::Manager: its
 * {@link ServerDirectory} holds the data and a Unix socket, and no TCP port is opened. The
 * database is {@code quickdb}; clients connect as {@link #user()} with an empty password.
 * {@link #close()} stops the server and deletes the directory.
 *
 * <p>Database servers refuse to run as root, so when this JVM is root the server runs as an
 * unprivileged system account ({@code postgres} or {@code mysql}) through {@code setpriv}, and
 * the directory belongs to that account.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public abstract class TempServer implements AutoCloseable {
    static final long START_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(60);
    static final long STOP_TIMEOUT_MILLIS = 15_000;

    final Path dir;
    final String account;
    private final String user;
    private final String stopSignal;
    private Process process;
    /** Stops the server should this JVM die without running {@link #close} (SIGKILL). */
    private final ServerWatchdog watchdog;
    private static final Path SETSID = Path.of("/usr/bin/setsid");

    /** Stops the server if this JVM exits (normally or on SIGTERM) before the store is unspawned. */
    private final Thread exitHook = new Thread(this::close, "ipcm-temp-db-exit");

    /**
     * @param account the system account to run as (when this JVM is root), or null
     * @param user who clients connect as
     * @param stopSignal the signal that makes the server disconnect clients and stop at once
     */
    TempServer(String account, String user, String stopSignal) throws TemporaryServerException {
        this.account = account;
        this.user = user;
        this.stopSignal = stopSignal;
        this.dir = ServerDirectory.choose(account);
        try {
            watchdog = ServerWatchdog.watch(stopSignal, dir);
        } catch (IOException e) {
            throw new TemporaryServerException("Could not start the watchdog that stops the temporary server if this "
                    + "JVM dies (it needs sh): " + e.getMessage(), e);
        }
        try {
            ServerDirectory.make(dir, account);
        } catch (TemporaryServerException e) {
            watchdog.close(); // it must not delete a directory this JVM did not make
            throw e;
        }
        Runtime.getRuntime().addShutdownHook(exitHook);
    }

    /** Sets up and starts a new server, or stops it and deletes what it made when that fails. */
    static <S extends TempServer> S booted(S server, Connector connector) throws TemporaryServerException {
        try {
            server.boot(connector);
            return server;
        } catch (TemporaryServerException | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /** Initialises the data, starts the server and creates {@code quickdb}; {@code connector} opens connections. */
    abstract void boot(Connector connector) throws TemporaryServerException;

    /** The Perl DSN of the {@code quickdb} database, the store's route. */
    public abstract String route();

    /** Who clients connect as (with an empty password). */
    public final String user() {
        return user;
    }

    /**
     * Why a server cannot start here, or empty: its binaries are missing, or this JVM runs as root
     * (which database servers refuse) and there is no system account to run it as.
     *
     * @param asRoot how the message begins when the account is missing
     */
    static Optional<String> cannotStart(boolean binariesFound, String noBinaries, String account, String asRoot) {
        if (!binariesFound) {
            return Optional.of(noBinaries);
        }
        if (runningAsRoot() && !accountExists(account)) {
            return Optional.of(asRoot + " and there is no '" + account + "' account to run a temporary server as");
        }
        return Optional.empty();
    }

    static boolean runningAsRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** Whether a system account exists (to run a server as when this JVM is root). */
    static boolean accountExists(String name) {
        try (Stream<String> lines = Files.lines(Path.of("/etc/passwd"))) {
            return lines.anyMatch(l -> l.startsWith(name + ":"));
        } catch (IOException | UncheckedIOException e) {
            return false;
        }
    }

    /** The command, run as the server account when this JVM is root. */
    final List<String> asAccount(List<String> command) {
        if (account == null) {
            return command;
        }
        List<String> out = new ArrayList<>(List.of("setpriv", "--reuid=" + account, "--regid=" + account,
                "--init-groups"));
        out.addAll(command);
        return out;
    }

    /**
     * Runs a set-up command to completion, in a process group of its own ({@code setsid}, where
     * the machine has it) that the watchdog stops should this JVM die meanwhile; a failure
     * reports its output.
     */
    final void run(String what, List<String> command, Path log) throws TemporaryServerException {
        boolean ownGroup = Files.isExecutable(SETSID);
        List<String> grouped = new ArrayList<>();
        if (ownGroup) {
            grouped.add(SETSID.toString()); // not a group leader, so setsid execs in place: the pid is the group id
        }
        grouped.addAll(command);
        try {
            Process p = new ProcessBuilder(grouped).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            tellWatchdog((ownGroup ? "-" : "") + p.pid());
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new TemporaryServerException(what + " did not finish within 60 s: " + command + "; see " + log);
            }
            if (p.exitValue() != 0) {
                throw new TemporaryServerException(what + " failed (exit " + p.exitValue() + "): " + command + "\n"
                        + tail(log));
            }
        } catch (IOException e) {
            throw new TemporaryServerException(what + " could not be started: " + command + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TemporaryServerException(what + " was interrupted", e);
        }
    }

    /** Starts the server process and waits until {@code connect} succeeds through its socket. */
    final void start(List<String> command, Path log, Path socket, Supplier<Connection> connect)
            throws TemporaryServerException {
        try {
            process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new TemporaryServerException("Could not start the temporary server: " + command + ": "
                    + e.getMessage(), e);
        }
        try {
            tellWatchdog(Long.toString(process.pid()));
        } catch (IOException e) {
            close();
            throw new TemporaryServerException("Could not tell the watchdog the temporary server's pid in " + dir + ": "
                    + e.getMessage(), e);
        }
        long deadline = System.nanoTime() + START_TIMEOUT_NANOS;
        Exception last = null;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new TemporaryServerException("The temporary server exited at start (exit " + process.exitValue()
                        + "): " + command + "\n" + tail(log));
            }
            if (Files.exists(socket)) {
                try (Connection c = connect.get()) {
                    if (c.isValid(5)) {
                        return;
                    }
                } catch (RuntimeException | SQLException e) {
                    last = e;
                }
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
        close();
        throw new TemporaryServerException("The temporary server did not accept connections on " + socket
                + " within 60 s" + (last == null ? "" : " (" + last.getMessage() + ")") + "\n" + tail(log));
    }

    /** Names what the watchdog stops if this JVM dies: a pid, or {@code -<pgid>} for a process group. */
    private void tellWatchdog(String target) throws IOException {
        Path pend = dir.resolve(ServerWatchdog.PID_FILE + ".pend");
        Files.writeString(pend, target);
        Files.move(pend, dir.resolve(ServerWatchdog.PID_FILE), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** Creates the {@code quickdb} database through a connection to the server's own. */
    final void createQuickdb(Supplier<Connection> connect) throws TemporaryServerException {
        try (Connection c = connect.get(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE quickdb");
        } catch (SQLException e) {
            throw new TemporaryServerException("Could not create database quickdb on the temporary server in " + dir
                    + ": " + e.getMessage(), e);
        }
    }

    static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(no log at " + log + ")";
        }
    }

    /** Stops the server (clients are disconnected) and deletes its directory. */
    @Override
    public synchronized void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(exitHook);
        } catch (IllegalStateException | IllegalArgumentException e) {
            // The JVM is exiting (this may be the hook itself running); stop the server all the same.
        }
        if (watchdog != null) {
            watchdog.close();
        }
        Process p = process;
        if (p != null && p.isAlive()) {
            Os.get().kill(p.pid(), stopSignal);
            try {
                if (!p.waitFor(STOP_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)) {
                    p.destroyForcibly().waitFor(STOP_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                p.destroyForcibly();
            }
        }
        ServerDirectory.delete(dir);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + dir + "]";
    }
}
