package dev.ipcm.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ipcm.ConnectionInfo;
import dev.ipcm.Ipcm;
import dev.ipcm.SpawnOptions;
import dev.ipcm.Store;
import dev.ipcm.internal.ChildJvm;
import dev.ipcm.protocol.directory.OwnerFiles;
import dev.ipcm.protocol.directory.Sidecars;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A store whose owner is killed with SIGKILL is destroyed by the next spawn of its protocol in
 * the same place (docs/delivery.md, "Stores outliving their owner"), and nothing else is: not a
 * store of a live owner, not one without an owner record, not one kept as {@code ipcm spawn}
 * keeps it. Each test starts two child JVMs: the owner, killed, and the next spawn. The server
 * test takes every server configured here (PostgreSQL, MariaDB, MySQL).
 */
class OwnerSweepTest {
    private static final Pattern DATABASE = Pattern.compile("ipcm_[0-9a-f]{16}");
    private static final Map<String, String> SERVER_ENV = Map.of("PostgreSQL", "IPCM_POSTGRESQL_URL",
            "MariaDB", "IPCM_MARIADB_URL", "MySQL", "IPCM_MYSQL_URL");

    @TempDir
    Path dir;

    @Test
    void fileStoresOfAKilledOwnerGoAtTheNextSpawnAndNoOthers() throws Exception {
        List<String> protocols = List.of("MessageFiles", "JSONFile", "SQLite");
        List<Store> live = new ArrayList<>();
        List<String> kept = new ArrayList<>();
        try {
            for (String p : protocols) {
                live.add(Ipcm.spawn(SpawnOptions.defaults().protocol(p).param("route", dir.resolve("live-" + p).toString())));
                kept.add(Ipcm.spawn(SpawnOptions.defaults().protocol(p).guard(false)
                        .param("route", dir.resolve("unrecorded-" + p).toString())).info());
            }
            List<String> lines = runChildren(protocols);
            List<Path> killed = routes(lines, "G ");
            kept.addAll(infos(lines, "K "));
            assertThat(killed).hasSize(protocols.size());
            assertThat(kept).hasSize(2 * protocols.size());

            for (Path gone : killed) {
                assertThat(gone).as("store of the killed owner").doesNotExist();
                assertThat(Path.of(gone + OwnerFiles.SUFFIX)).as("its owner record").doesNotExist();
            }
            for (String info : kept) {
                assertThat(route(info)).as("store without an owner record").exists();
            }
            for (Store s : live) {
                assertThat(route(s.info())).as("store of a live owner").exists();
                assertThat(Path.of(s.route() + OwnerFiles.SUFFIX)).as("its owner record").exists();
            }
        } finally {
            live.forEach(Store::unspawn);
            for (String info : kept) {
                Sidecars.deleteTree(route(info));
            }
        }
    }

    @Test
    void serverDatabasesOfAKilledOwnerAreDroppedAtTheNextSpawnAndNoOthers() throws Exception {
        List<String> protocols = SERVER_ENV.keySet().stream().sorted().filter(p -> System.getenv(SERVER_ENV.get(p)) != null).toList();
        assumeTrue(!protocols.isEmpty(), "needs a configured server: set IPCM_POSTGRESQL_URL, IPCM_MARIADB_URL or IPCM_MYSQL_URL");
        List<Store> live = new ArrayList<>();
        List<String> kept = new ArrayList<>();
        List<String> killed = new ArrayList<>();
        try {
            for (String p : protocols) {
                live.add(Ipcm.spawn(SpawnOptions.defaults().protocol(p)));
                kept.add(Ipcm.spawn(SpawnOptions.defaults().protocol(p).guard(false)).info());
            }
            List<String> lines = runChildren(protocols);
            killed.addAll(infos(lines, "G "));
            kept.addAll(infos(lines, "K "));
            assertThat(killed).hasSize(protocols.size());

            for (String info : killed) {
                assertThat(databaseExists(info)).as("database of the killed owner: " + info).isFalse();
            }
            for (String info : kept) {
                assertThat(databaseExists(info)).as("database without an owner record: " + info).isTrue();
            }
            for (Store s : live) {
                assertThat(databaseExists(s.info())).as("database of a live owner: " + s.info()).isTrue();
            }
        } finally {
            live.forEach(Store::unspawn);
            for (String info : kept) {
                dropDatabase(info);
            }
            for (String info : killed) {
                dropDatabase(info);
            }
        }
    }

    /** The owner child (killed once its stores exist), then the next spawn; every line they printed. */
    private List<String> runChildren(List<String> protocols) throws Exception {
        List<String> lines = new ArrayList<>();
        Process owner = child("owner", protocols);
        try {
            lines.addAll(readUntilReady(owner));
        } finally {
            owner.destroyForcibly(); // SIGKILL
            assertThat(owner.waitFor(30, TimeUnit.SECONDS)).as("owner child ends").isTrue();
        }
        Process next = child("next", protocols);
        try {
            lines.addAll(readUntilReady(next));
            assertThat(next.waitFor(60, TimeUnit.SECONDS)).as("next child ends").isTrue();
            assertThat(next.exitValue()).isZero();
        } finally {
            next.destroyForcibly();
        }
        return lines;
    }

    private Process child(String mode, List<String> protocols) throws IOException {
        List<String> args = new ArrayList<>(List.of(mode));
        args.addAll(protocols);
        return ChildJvm.of(OwnerSweepChild.class).args(args).env("TMPDIR", dir.toString())
                .jvmOption("-XX:TieredStopAtLevel=1").jvmOption("-XX:+UseSerialGC").start();
    }

    private static List<String> readUntilReady(Process p) throws Exception {
        return CompletableFuture.supplyAsync(() -> {
            List<String> lines = new ArrayList<>();
            try {
                BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
                for (String line = r.readLine(); line != null && !line.equals("READY"); line = r.readLine()) {
                    lines.add(line);
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            return lines;
        }).get(90, TimeUnit.SECONDS);
    }

    private static List<String> infos(List<String> lines, String prefix) {
        return lines.stream().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length())).toList();
    }

    private static List<Path> routes(List<String> lines, String prefix) {
        return infos(lines, prefix).stream().map(OwnerSweepTest::route).toList();
    }

    private static Path route(String info) {
        return Path.of(ConnectionInfo.parse(info).route());
    }

    private static String protocolOf(String info) {
        String p = ConnectionInfo.parse(info).protocol();
        return p.substring(p.lastIndexOf(':') + 1);
    }

    private static String databaseOf(String info) {
        Matcher m = DATABASE.matcher(ConnectionInfo.parse(info).route());
        assertThat(m.find()).as("a database spawned on the server: " + info).isTrue();
        return m.group();
    }

    private static Connection server(String info) throws SQLException {
        return DriverManager.getConnection(System.getenv(SERVER_ENV.get(protocolOf(info))));
    }

    private static boolean databaseExists(String info) throws SQLException {
        String sql = protocolOf(info).equals("PostgreSQL") ? "SELECT 1 FROM pg_database WHERE datname = ?"
                : "SELECT 1 FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?";
        try (Connection c = server(info); PreparedStatement st = c.prepareStatement(sql)) {
            st.setString(1, databaseOf(info));
            try (ResultSet rs = st.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static void dropDatabase(String info) throws SQLException {
        try (Connection c = server(info); Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + databaseOf(info)
                    + (protocolOf(info).equals("PostgreSQL") ? " WITH (FORCE)" : ""));
        }
    }
}
