package dev.ipcm.cli;

import dev.ipcm.spi.Protocols;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** {@code ipcm --version}: the project version (from a resource Maven fills in), Java, and the protocols found. */
final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {
            "ipcm " + projectVersion(),
            "Java " + Runtime.version() + ", protocols: " + String.join(", ", Protocols.all().keySet())
        };
    }

    static String projectVersion() {
        Properties p = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                return "unknown";
            }
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p.getProperty("version", "unknown");
    }
}
