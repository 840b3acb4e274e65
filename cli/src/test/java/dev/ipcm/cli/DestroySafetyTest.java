package dev.ipcm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code destroy} deletes a directory tree named by user input, so it refuses anything that is not a private store. */
class DestroySafetyTest {
    @TempDir
    Path tmp;

    private static String info(Path route) {
        return "[\"IPC::Manager::Client::MessageFiles\",\"IPC::Manager::Serializer::JSON\",\"" + route + "\"]";
    }

    private Path dir(String name, String mode) throws IOException {
        Path d = Files.createDirectory(tmp.resolve(name));
        Files.writeString(d.resolve("precious.txt"), "keep me");
        Files.setPosixFilePermissions(d, PosixFilePermissions.fromString(mode));
        return d;
    }

    @Test
    void refusesADirectoryOthersCanRead() throws IOException {
        Path shared = dir("shared", "rwxr-xr-x");
        Cli.Result r = Cli.inProcess().run("destroy", info(shared));
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("ipcm destroy: Refusing to destroy '" + shared + "': it is readable or writable "
                + "by others ([GROUP_READ, GROUP_EXECUTE, OTHERS_READ, OTHERS_EXECUTE]), and every store is private "
                + "to its user; check that the info string is the one 'ipcm spawn' printed\n");
        assertThat(shared.resolve("precious.txt")).exists();
    }

    @Test
    void refusesADatabaseFileOthersCanReadWhenTheRouteIsADsn() throws IOException {
        Path file = Files.writeString(tmp.resolve("shared.sqlite"), "not really a database");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        String dsn = "dbi:SQLite:dbname=" + file;
        Cli.Result r = Cli.inProcess().run("destroy",
                "[\"IPC::Manager::Client::SQLite\",\"IPC::Manager::Serializer::JSON\",\"" + dsn + "\"]");
        assertThat(r.code()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).startsWith("ipcm destroy: Refusing to destroy '" + dsn + "': it is readable or writable by others");
        assertThat(file).exists();
    }

    @Test
    void findsTheFileBehindADsnOrJdbcUrl() {
        assertThat(RemovalGuard.paths("dbi:SQLite:dbname=/x/y.db")).containsExactly("dbi:SQLite:dbname=/x/y.db", "/x/y.db");
        assertThat(RemovalGuard.paths("DBI:SQLite:foo=1;database=/x/y.db;bar=2"))
                .containsExactly("DBI:SQLite:foo=1;database=/x/y.db;bar=2", "/x/y.db");
        assertThat(RemovalGuard.paths("jdbc:sqlite:/x/y.db?mode=rw")).containsExactly("jdbc:sqlite:/x/y.db?mode=rw", "/x/y.db");
        assertThat(RemovalGuard.paths("/tmp/PerlIPCManager-1-abc")).containsExactly("/tmp/PerlIPCManager-1-abc");
    }

    @Test
    void refusesASymbolicLink() throws IOException {
        Path target = dir("target", "rwx------");
        Path link = Files.createSymbolicLink(tmp.resolve("link"), target);
        Cli.Result r = Cli.inProcess().run("destroy", info(link));
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).startsWith("ipcm destroy: Refusing to destroy '" + link + "': it is a symbolic link");
        assertThat(target.resolve("precious.txt")).exists();
    }

    @Test
    void refusesTheDirectoryTheCommandRunsIn() throws IOException {
        Path mine = dir("mine", "rwx------");
        Path inside = Files.createDirectory(mine.resolve("work"));
        Cli.Result r = CliProcess.startIn(inside, "destroy", info(mine)).await();
        assertThat(r.code()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).startsWith("ipcm destroy: Refusing to destroy '" + mine + "': it holds " + inside + " (user.dir)");
        assertThat(mine.resolve("precious.txt")).exists();
    }

    @Test
    void destroysAPrivateStoreDirectory() {
        String info = Cli.inProcess().run("spawn", "--protocol", "MessageFiles", "--param", "dir=" + tmp).line();
        assertThat(info).contains(tmp.toString());
        assertThat(Cli.inProcess().run("destroy", info).code()).isZero();
        assertThat(tmp).isEmptyDirectory();
    }
}
