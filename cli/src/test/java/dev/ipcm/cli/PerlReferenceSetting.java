package dev.ipcm.cli;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the Perl reference IPC::Manager is installed for the tests that run it beside ipcm. */
final class PerlReferenceSetting {
    private PerlReferenceSetting() {}

    /**
     * The reference's {@code env.sh} (its {@code peer.pl} lies beside it), from {@code ipcm.perl.reference}
     * or {@code IPCM_PERL_REFERENCE}. Without one the calling test is skipped, or fails where
     * {@code ipcm.perl.reference.required} is true (CI, once it installed the reference).
     */
    static Path envScript() {
        String env = System.getProperty("ipcm.perl.reference", System.getenv("IPCM_PERL_REFERENCE"));
        if (env == null || env.isBlank() || !Files.isRegularFile(Path.of(env))) {
            String why = "the Perl reference is not configured: set IPCM_PERL_REFERENCE to its env.sh";
            if (Boolean.getBoolean("ipcm.perl.reference.required")) {
                fail(why + " (required here: ipcm.perl.reference.required=true)");
            }
            assumeTrue(false, why);
        }
        return Path.of(env).toAbsolutePath();
    }
}
