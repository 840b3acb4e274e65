package dev.ipcm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A third-party plugin's jar, outside the command's class path, given with --class-path or IPCM_CLASSPATH. */
class PluginClassPathTest {
    @TempDir
    static Path dir;
    static Path jar;

    @BeforeAll
    static void buildThePlugin() throws Exception {
        jar = ExamplePluginJar.build(dir);
    }

    @Test
    void thePluginIsNotOnTheCommandsOwnClassPath() throws Exception {
        Cli.Result r = new Shell(dir, 0).run("./ipcm spawn --protocol DirectoryStore\n");
        assertThat(r.code()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("DirectoryStore");
    }

    @Test
    void theEnvironmentAndTheOptionBothReachThePlugin() throws Exception {
        Cli.Result r = new Shell(dir, 0).run("export IPCM_CLASSPATH='" + jar + "'\n"
                + "INFO=$(./ipcm spawn --protocol DirectoryStore)\n"
                + "./ipcm echo \"$INFO\" --name echo &\n"
                + "./ipcm request \"$INFO\" --service echo --timeout 30 '\"hi\"'\n"
                + "unset IPCM_CLASSPATH\n"
                + "./ipcm destroy \"$INFO\" --class-path '" + jar + "'\n"
                + "wait\n");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).isEqualTo("\"echo: hi\"\n");
    }

    @Test
    void aServiceLeftRunningByAFailedScriptDoesNotOutliveIt() throws Exception {
        Shell shell = new Shell(dir, 0);
        Cli.Result r = shell.run("export IPCM_CLASSPATH='" + jar + "'\n"
                + "INFO=$(./ipcm spawn --protocol DirectoryStore)\n"
                + "echo \"$INFO\"\n"
                + "./ipcm echo \"$INFO\" --name echo &\n"
                + "./ipcm request \"$INFO\" --service echo --timeout 30 '\"hi\"'\n"
                + "false\n");
        assertThat(r.code()).as(r.toString()).isNotZero();
        assertThat(ProcessHandle.allProcesses().filter(p -> p.info().commandLine()
                .map(c -> c.contains("-Dipcm.test.shell=" + dir)).orElse(false))).isEmpty();
        assertThat(new Shell(dir, 0).run("./ipcm destroy '" + r.out().lines().findFirst().orElseThrow().replace("'", "'\\''")
                + "' --class-path '" + jar + "'\n").code()).isZero();
    }

    @Test
    void aMissingEntryIsAUsageError() throws Exception {
        Cli.Result r = new Shell(dir, 0).run("./ipcm --class-path /nonexistent/plugin.jar version\n");
        assertThat(r.code()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("ipcm: The plugin class path entry '/nonexistent/plugin.jar' (from --class-path "
                + "or IPCM_CLASSPATH) is neither a jar nor a directory; give the path of the plugin's jar\n");
    }

    @Test
    void theReportsReplayCommandNamesThePluginJarAndRuns() throws Exception {
        try (URLClassLoader plugin = new URLClassLoader(new java.net.URL[] {jar.toUri().toURL()},
                getClass().getClassLoader())) {
            Class<?> type = plugin.loadClass("com.example.ipcm.DirectoryStoreProtocol");
            String replay = Replay.command("DirectoryStore", Optional.of(type), "42");
            assertThat(replay).isEqualTo("ipcm certify --class-path " + Replay.quote(jar.toString())
                    + " --protocols DirectoryStore -c ipcm.property.seed=42");
            Cli.Result r = new Shell(dir, 0).run("./" + replay + " --tries 1 --report report\n");
            assertThat(r.code()).as(r.toString()).isZero();
            assertThat(r.out()).contains("DirectoryStore");
        }
        assertThat(Replay.command("MessageFiles", Optional.of(dev.ipcm.protocol.fs.MessageFilesProtocol.class), "7"))
                .isEqualTo("ipcm certify --protocols MessageFiles -c ipcm.property.seed=7");
    }
}
