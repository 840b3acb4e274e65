package dev.ipcm.os;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where a process runs: boot id plus PID namespace, and the host name. */
class HostIdentityTest {
    @Test
    void theIdIsTheBootIdAndThePidNamespaceAndTheNameTheHostName(@TempDir Path proc) throws IOException {
        Files.createDirectories(proc.resolve("sys/kernel/random"));
        Files.createDirectories(proc.resolve("self/ns"));
        Files.writeString(proc.resolve("sys/kernel/hostname"), "host-a\n");
        Files.writeString(proc.resolve("sys/kernel/random/boot_id"), "0f1e2d3c-aaaa-bbbb-cccc-001122334455\n");
        Files.createSymbolicLink(proc.resolve("self/ns/pid"), Path.of("pid:[4026532176]"));
        assertThat(HostIdentity.read(proc))
                .isEqualTo(new HostIdentity("0f1e2d3c-aaaa-bbbb-cccc-001122334455/pid:4026532176", "host-a"));
    }

    @Test
    void withoutBootIdOrNamespaceTheHostNameIsTheId(@TempDir Path proc) throws IOException {
        Files.createDirectories(proc.resolve("sys/kernel"));
        Files.writeString(proc.resolve("sys/kernel/hostname"), "lonely\n");
        assertThat(HostIdentity.read(proc)).isEqualTo(new HostIdentity("lonely", "lonely"));
    }

    @Test
    void thisProcessIsOnItsOwnHostAndAnUnrecordedHostCountsAsThisOne() {
        HostIdentity local = HostIdentity.local();
        assertThat(local).isEqualTo(HostIdentity.read(Path.of("/proc")));
        assertThat(HostIdentity.isLocal(local.id())).isTrue();
        assertThat(HostIdentity.isLocal(null)).isTrue();
        assertThat(HostIdentity.isLocal(local.id() + "-elsewhere")).isFalse();
    }
}
