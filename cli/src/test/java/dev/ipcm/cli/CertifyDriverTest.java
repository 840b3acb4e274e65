package dev.ipcm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ipcm certify --driver COMMAND}: the driver's stores become the protocols certified and
 * {@code --protocols} picks among them by name, with or without the driver's prefix. A scripted
 * driver (a few lines of shell answering {@code hello}) checks the command in every build; the
 * Perl reference's own driver certifies one group end to end when the reference is installed.
 */
class CertifyDriverTest {
    private static final String HELLO = "{\"id\":1,\"ok\":true,\"result\":{\"version\":1,\"name\":\"fake\","
            + "\"protocols\":[{\"name\":\"Mailbox\",\"capabilities\":[],\"unavailable\":{\"reason\":\"no mailbox here\","
            + "\"remedy\":\"start one\"}}]}}";

    @TempDir
    Path dir;

    @Test
    void aStoreTheDriverDoesNotOfferIsAUsageErrorNamingWhatItOffers() throws IOException {
        Cli.Result r = Cli.inProcess().run("certify", "--driver", scriptedDriver(), "--protocols", "Nope");

        assertThat(r.code()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("The driver has no protocol 'Nope'").contains("[fake:Mailbox]");
    }

    @Test
    void theDriversStoresAreCertifiedUnderTheirPrefixedNames() throws IOException {
        Cli.Result r = Cli.inProcess().run("certify", "--driver", scriptedDriver(), "--protocols", "Mailbox",
                "--report", dir.resolve("report").toString(), "-c", "ipcm.certify.groups=peers");

        assertThat(r.err()).as(r.toString()).contains("ipcm certify: [fake:Mailbox]");
        assertThat(r.out()).as("matrix: the driver's store, not applicable here").containsPattern("fake:Mailbox +skipped");
        assertThat(Files.readString(dir.resolve("report").resolve("certification.json"))).as("JSON report")
                .contains("fake:Mailbox").contains("no mailbox here");
    }

    @Test
    void thePerlReferenceIsCertifiedThroughItsDriver() {
        Path env = PerlReferenceSetting.envScript();
        Path launcher = Path.of("..", "driver", "perl", "run-driver.sh").toAbsolutePath().normalize();
        Cli.Result r = Cli.inProcess().run("certify", "--driver", "env IPCM_PERL_REFERENCE='" + env + "' " + launcher,
                "--protocols", "MessageFiles", "--report", dir.resolve("perl").toString(), "-c", "ipcm.certify.groups=peers");

        assertThat(r.err()).as(r.toString()).contains("ipcm certify: [perl:MessageFiles]");
        assertThat(r.out()).as("matrix").containsPattern("perl:MessageFiles +(pass|fail)");
    }

    /** A driver that answers hello with one unavailable store, then waits for its input to close. */
    private String scriptedDriver() throws IOException {
        Path script = dir.resolve("fake-driver.sh");
        Files.writeString(script, "#!/bin/sh\nread request\necho '" + HELLO + "'\ncat >/dev/null\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script.toString();
    }
}
