package dev.ipcm.driver;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The Perl reference as this module's tests find it: {@code IPCM_PERL_REFERENCE} (or the system
 * property {@code ipcm.perl.reference}) names its {@code env.sh}. Absent, the tests that need it
 * are skipped with that reason, unless {@code ipcm.perl.reference.required=true} (CI, when it
 * installed the reference) makes that a failure.
 */
final class PerlReference {
    private PerlReference() {}

    /** The driver command that runs ipcm-driver.pl over the installed reference, or a skip/failure saying why not. */
    static String driverCommand() {
        String env = System.getProperty("ipcm.perl.reference", System.getenv("IPCM_PERL_REFERENCE"));
        Path launcher = Path.of("perl", "run-driver.sh").toAbsolutePath();
        String why = env == null || env.isBlank()
                ? "the Perl reference is not configured: set IPCM_PERL_REFERENCE to its env.sh"
                : usable(env, launcher);
        if (why != null) {
            if (Boolean.getBoolean("ipcm.perl.reference.required")) {
                fail(why + " (required here: ipcm.perl.reference.required=true)");
            }
            assumeTrue(false, why);
        }
        return "env IPCM_PERL_REFERENCE='" + env + "' " + launcher;
    }

    private static String usable(String env, Path launcher) {
        if (!Files.isRegularFile(Path.of(env))) {
            return "IPCM_PERL_REFERENCE names " + env + ", which is not a file";
        }
        try {
            Process p = new ProcessBuilder("bash", "-c", ". '" + env + "' && perl -MIPC::Manager -e1")
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                return "the Perl reference set up by " + env + " cannot load IPC::Manager: " + out.strip();
            }
        } catch (IOException e) {
            return "perl cannot be started: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while checking the Perl reference";
        }
        return Files.isExecutable(launcher) ? null : launcher + " is missing or not executable";
    }
}
