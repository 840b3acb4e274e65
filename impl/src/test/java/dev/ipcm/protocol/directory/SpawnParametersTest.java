package dev.ipcm.protocol.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ipcm.InvalidNameException;
import dev.ipcm.IpcmException;
import dev.ipcm.Ipcm;
import dev.ipcm.SpawnOptions;
import dev.ipcm.Store;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The spawn parameters of the file stores: {@code template}, {@code dir}, {@code route}. */
class SpawnParametersTest {
    @TempDir
    Path tmp;

    private static String mode(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    private static Store spawn(String protocol, String... params) {
        SpawnOptions o = SpawnOptions.defaults().protocol(protocol).serializer("JSON").guard(false);
        for (int i = 0; i < params.length; i += 2) {
            o = o.param(params[i], params[i + 1]);
        }
        return Ipcm.spawn(o);
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"MessageFiles", "JSONFile", "AtomicPipe", "UnixSocket",
            "ConnectionUnix", "SQLite", "LocalMemory"})
    void anUnknownSpawnParameterIsRefusedNamingTheKnownOnes(String protocol) {
        assertThatThrownBy(() -> spawn(protocol, "tempalte", "x-XXXXXX", "zz", "1"))
                .isInstanceOf(dev.ipcm.NotSupportedException.class)
                .hasMessageStartingWith("Unknown spawn parameters tempalte, zz for the " + protocol + " protocol: it knows ")
                .hasMessageContaining("route")
                .hasMessageEndingWith("; check the spelling (nothing was created)");
    }

    @Test
    void templateAndDirChooseTheNameAndPlace() throws Exception {
        Store dirStore = spawn("MessageFiles", "dir", tmp.toString(), "template", "mine-XXXXXXXX");
        Store fileStore = spawn("JSONFile", "dir", tmp.toString(), "template", "mine-XXXX");
        try {
            assertThat(Path.of(dirStore.route()).getParent()).isEqualTo(tmp);
            assertThat(Path.of(dirStore.route()).getFileName().toString()).matches("mine-[A-Za-z0-9_]{8}");
            assertThat(mode(Path.of(dirStore.route()))).isEqualTo("rwx------");
            assertThat(Path.of(fileStore.route()).getFileName().toString()).matches("mine-[A-Za-z0-9_]{4}\\.json");
            assertThat(mode(Path.of(fileStore.route()))).isEqualTo("rw-------");
        } finally {
            dirStore.unspawn();
            fileStore.unspawn();
        }
        assertThat(Path.of(dirStore.route())).doesNotExist();
        assertThat(Path.of(fileStore.route())).doesNotExist();
    }

    @Test
    void routeUsesExactlyThatPathAndRefusesAnExistingOne() throws Exception {
        Path exact = tmp.resolve("exact");
        Store store = spawn("MessageFiles", "route", exact.toString());
        try {
            assertThat(store.route()).isEqualTo(exact.toString());
            assertThat(Files.isDirectory(exact)).isTrue();
            assertThatThrownBy(() -> spawn("MessageFiles", "route", exact.toString())).isInstanceOf(IpcmException.class)
                    .hasMessageContaining(exact.toString());
        } finally {
            store.unspawn();
        }
    }

    @Test
    void aTemplateWithoutEnoughXsOrWithASlashIsRefused() {
        assertThatThrownBy(() -> spawn("MessageFiles", "template", "mine-XXX")).isInstanceOf(InvalidNameException.class)
                .hasMessageContaining("'mine-XXX'").hasMessageContaining("at least 4 'X'");
        assertThatThrownBy(() -> spawn("JSONFile", "template", "../up-XXXXXX")).isInstanceOf(InvalidNameException.class)
                .hasMessageContaining("without '/'");
    }
}
