package dev.ipcm.driver;

import java.util.Optional;

/** Where the driver command comes from: the system property {@code ipcm.driver}, else {@code IPCM_DRIVER}. */
final class DriverSettings {
    static final String PROPERTY = "ipcm.driver";
    static final String ENV = "IPCM_DRIVER";

    private DriverSettings() {}

    /** The driver command line, if one is configured. */
    static Optional<String> command() {
        String p = System.getProperty(PROPERTY);
        if (p != null && !p.isBlank()) {
            return Optional.of(p.strip());
        }
        String e = System.getenv(ENV);
        return e == null || e.isBlank() ? Optional.empty() : Optional.of(e.strip());
    }
}
