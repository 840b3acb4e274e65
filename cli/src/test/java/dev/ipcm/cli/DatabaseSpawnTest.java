package dev.ipcm.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Locale;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code ipcm spawn} and {@code ipcm destroy} on database servers, from a real shell. */
class DatabaseSpawnTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"PostgreSQL", "MariaDB", "MySQL"})
    void withoutAServerSpawnNamesTheSetting(String protocol) throws Exception {
        String variable = "IPCM_" + protocol.toUpperCase(Locale.ROOT) + "_URL";
        Cli.Result r = new Shell(dir, 0).run("unset " + variable + "\n./ipcm spawn --protocol " + protocol + "\n");
        assertThat(r.code()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).as(r.toString()).startsWith("ipcm spawn: A " + protocol + " store that outlives 'ipcm spawn' "
                + "needs a server: set " + variable + " to its JDBC URL (e.g. jdbc:");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"PostgreSQL", "MariaDB", "MySQL"})
    void aSpawnedDatabaseOutlivesTheCommandAndDestroyDropsIt(String protocol) throws Exception {
        String url = serverUrl(protocol);
        String user = userOf(url);
        Cli.Result r = new Shell(dir, 0).run("export IPCM_DB_USER=" + user + "\n"
                + "INFO=$(./ipcm spawn --protocol " + protocol + ")\n"
                + "echo \"$INFO\"\n"
                + "./ipcm peers \"$INFO\" --name looker\n" // another command reaches the store: it outlived the spawn
                + "./ipcm destroy \"$INFO\"\n"
                + "./ipcm destroy \"$INFO\" || echo \"again: $?\"\n");
        assertThat(r.code()).as(r.toString()).isZero();
        String info = r.out().lines().findFirst().orElseThrow();
        String database = info.replaceAll(".*(?:dbname|database)=(ipcm_[0-9a-f]{16}).*", "$1");
        assertThat(database).as(info).matches("ipcm_[0-9a-f]{16}");
        assertThat(r.out()).as(r.toString()).endsWith("again: 2\n");
        assertThat(r.err()).as(r.toString()).contains("ipcm destroy: There is no " + protocol + " store " + database);
        assertThat(databaseExists(url, database, protocol.equals("PostgreSQL"))).isFalse();
    }

    /**
     * The reference's Echo, still reading its store when destroy drops the database, died on the
     * server's terminated session with DBI errors; destroy now lets it end on its terminate message.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"PostgreSQL", "MariaDB", "MySQL"})
    void aReferenceServiceEndsCleanlyWhenDestroyDropsItsDatabase(String protocol) throws Exception {
        String url = serverUrl(protocol);
        Path perlEnv = PerlReferenceSetting.envScript();
        String user = userOf(url);
        Cli.Result r = new Shell(dir, 0).run("export IPCM_DB_USER=" + user + "\n"
                + "INFO=$(./ipcm spawn --protocol " + protocol + ")\n"
                // The reference's env.sh is written for bash.
                + "bash -c '. \"$1\" && exec perl \"$2\" echo \"$3\" pecho' - '" + perlEnv + "' '"
                + perlEnv.resolveSibling("peer.pl") + "' \"$INFO\" > pecho.out 2> pecho.err &\n"
                + "PE=$!\n"
                + "./ipcm request \"$INFO\" --service pecho --timeout 30 '\"yo\"'\n"
                + "./ipcm destroy \"$INFO\"\n"
                + "if wait $PE; then echo 'perl echo: 0'; else echo \"perl echo: $?\"; fi\n"
                + "cat pecho.err >&2\n");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).as(r.toString()).isEqualTo("\"echo: yo\"\nperl echo: 0\n");
        assertThat(r.err()).as(r.toString()).doesNotContain("DBD::", "failed");
    }

    /** The JDBC URL of the protocol's configured server; without one the test is skipped. */
    private static String serverUrl(String protocol) {
        String variable = "IPCM_" + protocol.toUpperCase(Locale.ROOT) + "_URL";
        String url = System.getenv(variable);
        assumeTrue(url != null && !url.isBlank(), "no " + protocol + " server: set " + variable + " to its JDBC URL");
        return url;
    }

    private static String userOf(String url) {
        return url.replaceAll(".*[?&]user=([^&]+).*", "$1");
    }

    private static boolean databaseExists(String url, String name, boolean postgres) throws Exception {
        String sql = postgres ? "SELECT 1 FROM pg_database WHERE datname = ?"
                : "SELECT 1 FROM information_schema.schemata WHERE schema_name = ?";
        try (Connection c = DriverManager.getConnection(url);
                PreparedStatement q = c.prepareStatement(sql)) {
            q.setString(1, name);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next();
            }
        }
    }
}
