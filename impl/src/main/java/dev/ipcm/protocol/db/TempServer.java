package dev.ipcm.protocol.db;

import dev.ipcm.os.Os;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A private database server started for one store, as DBIx::QuickDB does for IPC::Manager: a
 * {@code DB-QUICK-<pid>-...} directory (mode 0700) in {@code $QDB_TMPDIR}, {@code $TMPDIR} or the
 * temporary directory holds the data and a Unix socket, and no TCP port is opened. The database is
 * {@code quickdb}. {@link #close()} stops the server and deletes the directory.
 *
 * <p>Database servers refuse to run as root, so when this JVM is root the server runs as an
 * unprivileged system account ({@code postgres} or {@code mysql}) through {@code setpriv}, and
 * the directory belongs to that account.
 */
abstract class TempServer implements AutoCloseable {
    static final long START_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(60);
    static final long STOP_TIMEOUT_MILLIS = 15_000;

    final Path dir;
    final String account;
    private Process process;

    /** Stops the server if this JVM exits (normally or on SIGTERM) before the store is unspawned. */
    private final Thread exitHook = new Thread(this::close, "ipcm-temp-db-exit");

    TempServer(String account) {
        this.account = account;
        this.dir = makeDir(account);
        Runtime.getRuntime().addShutdownHook(exitHook);
    }

    /** Where clients connect. */
    abstract DbLocation location();

    /** The Perl DSN of the {@code quickdb} database. */
    abstract String route();

    /** Who clients connect as. */
    abstract DbCredentials credentials();

    /** The signal that makes the server disconnect clients and stop at once. */
    abstract String stopSignal();

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

    private static Path makeDir(String account) {
        String base = firstSet(System.getenv("QDB_TMPDIR"), System.getenv("TMPDIR"),
                System.getProperty("java.io.tmpdir", "/tmp"));
        try {
            Path d = Files.createTempDirectory(Path.of(base), "DB-QUICK-" + Os.get().pid() + "-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            if (account != null) {
                PosixFileAttributeView view = Files.getFileAttributeView(d, PosixFileAttributeView.class);
                UserPrincipal user = d.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(account);
                GroupPrincipal group = d.getFileSystem().getUserPrincipalLookupService()
                        .lookupPrincipalByGroupName(account);
                view.setOwner(user);
                view.setGroup(group);
            }
            return d;
        } catch (IOException e) {
            throw new DatabaseAccessException("Could not create a private directory for a temporary database server in "
                    + base + ": " + e.getMessage() + "; set QDB_TMPDIR or TMPDIR to a writable directory", e);
        }
    }

    private static String firstSet(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return "/tmp";
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

    /** Runs a set-up command to completion; a failure reports its output. */
    final void run(String what, List<String> command, Path log) {
        try {
            Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new DatabaseAccessException(what + " did not finish within 60 s: " + command + "; see " + log);
            }
            if (p.exitValue() != 0) {
                throw new DatabaseAccessException(what + " failed (exit " + p.exitValue() + "): " + command + "\n" + tail(log));
            }
        } catch (IOException e) {
            throw new DatabaseAccessException(what + " could not be started: " + command + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DatabaseAccessException(what + " was interrupted", e);
        }
    }

    /** Starts the server process and waits until {@code connect} succeeds through its socket. */
    final void start(List<String> command, Path log, Path socket, java.util.function.Supplier<Connection> connect) {
        try {
            process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new DatabaseAccessException("Could not start the temporary server: " + command + ": " + e.getMessage(), e);
        }
        long deadline = System.nanoTime() + START_TIMEOUT_NANOS;
        RuntimeException last = null;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new DatabaseAccessException("The temporary server exited at start (exit " + process.exitValue()
                        + "): " + command + "\n" + tail(log));
            }
            if (Files.exists(socket)) {
                try (Connection c = connect.get()) {
                    if (c.isValid(5)) {
                        return;
                    }
                } catch (RuntimeException | java.sql.SQLException e) {
                    last = e instanceof RuntimeException r ? r : new DatabaseAccessException(e.getMessage(), e);
                }
            }
            java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
        close();
        throw new DatabaseAccessException("The temporary server did not accept connections on " + socket
                + " within 60 s" + (last == null ? "" : " (" + last.getMessage() + ")") + "\n" + tail(log));
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
        Process p = process;
        if (p != null && p.isAlive()) {
            Os.get().kill(p.pid(), stopSignal());
            try {
                if (!p.waitFor(STOP_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)) {
                    p.destroyForcibly().waitFor(STOP_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                p.destroyForcibly();
            }
        }
        deleteTree(dir);
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | UncheckedIOException e) {
            System.getLogger("dev.ipcm").log(System.Logger.Level.WARNING,
                    "Could not delete the temporary server directory " + root + ": " + e.getMessage());
        }
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + dir + "]";
    }
}
