package dev.ipcm.engine;

import org.junit.platform.commons.JUnitException;
import org.junit.platform.engine.TestEngine;

/**
 * Refuses, at discovery, a JUnit Platform older than the one ipcm is built against: without this
 * check an old platform fails later with a {@code NoSuchMethodError} that names no version. The
 * supported versions are listed in README.md ("Versions").
 */
final class PlatformVersion {
    static final int MIN_MAJOR = 6;
    static final int MIN_MINOR = 1;

    private PlatformVersion() {}

    /** Checks the platform on the class path; a platform without a version in its jar (an IDE's classes) passes. */
    static void require() {
        require(TestEngine.class.getPackage().getImplementationVersion());
    }

    static void require(String found) {
        if (found != null && older(found)) {
            throw new JUnitException("ipcm-engine needs JUnit Platform " + MIN_MAJOR + "." + MIN_MINOR
                    + " or later, but JUnit Platform " + found + " is on the class path; import "
                    + "org.junit:junit-bom at " + MIN_MAJOR + "." + MIN_MINOR + ".0 or later (README.md, \"Versions\")");
        }
    }

    /** Whether {@code version} ({@code 5.13.4}, {@code 6.1.3}, {@code 6.0.0-M1}) is below the minimum. */
    static boolean older(String version) {
        String[] parts = version.split("[.-]");
        try {
            int major = Integer.parseInt(parts[0]);
            int minor = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
            return major < MIN_MAJOR || (major == MIN_MAJOR && minor < MIN_MINOR);
        } catch (NumberFormatException e) {
            return false; // an unusual version string is not reason enough to refuse
        }
    }
}
