package dev.ipcm.protocol.db.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ipcm.internal.ChildJvm;
import dev.ipcm.os.Os;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A temporary server stops, and its directory goes, when the JVM that owns it is killed with
 * SIGKILL, also when it is killed while the server is still being installed.
 */
class ServerWatchdogTest {
    private static final Pattern PG_DIR = Pattern.compile("host=([^;]+)");

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"PostgreSQL", "MariaDB"})
    void anOwnerKilledWhileItsServerIsInstalledLeavesNoDirectory(String protocol) throws Exception {
        java.util.Optional<String> missing = protocol.equals("PostgreSQL") ? TempPostgreSQL.missing() : TempMariaDB.missing();
        assumeTrue(missing.isEmpty(), () -> "no temporary " + protocol + " here: " + missing.get());
        Process child = ChildJvm.of(TempServerOwnerChild.class).args(protocol).env("QDB_TMPDIR", "/tmp").start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            Path dir = null;
            // Wait until the installer runs (the watchdog has been told its process group), then kill.
            while (dir == null && child.isAlive() && System.nanoTime() < deadline) {
                try (var dirs = Files.newDirectoryStream(Path.of("/tmp"), "DB-QUICK-" + child.pid() + "-*")) {
                    var it = dirs.iterator();
                    dir = it.hasNext() ? it.next() : null;
                }
                if (dir != null && !Files.exists(dir.resolve(ServerWatchdog.PID_FILE))) {
                    dir = null;
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(dir == null ? 5 : 0));
            }
            assertThat(dir).as("the child's installer started in its server directory").isNotNull();
            Os.get().kill(child.pid(), "KILL"); // the installer takes a second or more: it is still at work
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            while (Files.exists(dir) && System.nanoTime() < deadline) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
            }
            assertThat(dir).as("the server directory of the killed owner").doesNotExist();
        } finally {
            child.destroyForcibly();
        }
    }

    @Test
    void aSigkilledOwnerTakesItsTemporaryPostgreSQLServerWithIt() throws Exception {
        assumeTrue(TempPostgreSQL.missing().isEmpty(), () -> "no PostgreSQL binaries: " + TempPostgreSQL.missing().get());
        Process child = ChildJvm.of(TempServerOwnerChild.class).args("PostgreSQL").start();
        try {
            String route = null;
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; route == null && (line = out.readLine()) != null; ) {
                    if (line.startsWith("ROUTE ")) {
                        route = line.substring(6);
                    }
                }
                assertThat(route).as("the child printed its route").isNotNull();
                Matcher m = PG_DIR.matcher(route);
                assertThat(m.find()).isTrue();
                Path dir = Path.of(m.group(1));
                long serverPid = Long.parseLong(Files.readAllLines(dir.resolve("data").resolve("postmaster.pid")).get(0).trim());
                assertThat(Os.get().isRunning(serverPid)).isTrue();
                Os.get().kill(child.pid(), "KILL");
                assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while ((Os.get().isRunning(serverPid) || Files.exists(dir)) && System.nanoTime() < deadline) {
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
                }
                assertThat(Os.get().isRunning(serverPid)).as("server pid %d still running", serverPid).isFalse();
                assertThat(dir).doesNotExist();
            }
        } finally {
            child.destroyForcibly();
        }
    }
}
