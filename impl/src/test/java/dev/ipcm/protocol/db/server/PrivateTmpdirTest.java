package dev.ipcm.protocol.db.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ipcm.internal.ChildJvm;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A temporary MariaDB starts when {@code TMPDIR} is a directory its {@code mysql} account can
 * neither enter nor write (a user's private 0700 directory): the server's directory goes to the
 * first temporary directory the account can reach, and mariadbd keeps its temporary files there
 * instead of in the inherited {@code TMPDIR} (docs/protocols/databases.md, "Temporary servers").
 */
class PrivateTmpdirTest {
    @TempDir
    Path tmp;

    @Test
    void aTemporaryMariaDbWorksWithATmpdirItsAccountCannotReach() throws Exception {
        assumeTrue(TempMariaDB.missing().isEmpty(), () -> "no temporary MariaDB here: " + TempMariaDB.missing().get());
        assumeTrue("root".equals(System.getProperty("user.name")),
                "only a JVM running as root hands the server to the mysql account, whose reach this is about");
        Path closed = Files.createDirectory(tmp.resolve("private"));
        Files.setPosixFilePermissions(closed, PosixFilePermissions.fromString("rwx------"));
        Process child = ChildJvm.of(PrivateTmpdirChild.class).args("MariaDB").env("TMPDIR", closed.toString())
                .env("QDB_TMPDIR", "").jvmOption("-XX:TieredStopAtLevel=1").start();
        try {
            assertThat(child.waitFor(120, TimeUnit.SECONDS)).as("the child ends").isTrue();
            String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(out).as("the child's output (its errors went to this build's)").contains("OK hello");
            assertThat(child.exitValue()).isZero();
        } finally {
            child.destroyForcibly();
        }
        try (var left = Files.list(closed)) {
            assertThat(left).as("nothing written to the private TMPDIR").isEmpty();
        }
    }
}
