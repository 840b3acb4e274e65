package dev.ipcm.engine;

import java.util.List;
import java.util.Optional;

/** Finds the suite to run: the configured one, else the conformance suite. */
final class Suites {
    /** The conformance suite's adapter; present when ipcm-conformance is on the class path. */
    static final String CONFORMANCE = "dev.ipcm.engine.ConformanceSuite";

    private Suites() {}

    /**
     * Loads the suite.
     *
     * @throws IllegalStateException saying which class could not be used and why
     */
    static CertificationSuite load(Optional<String> configured) {
        String name = configured.orElse(CONFORMANCE);
        Class<?> type;
        try {
            type = Class.forName(name, true, classLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new IllegalStateException("Cannot load the certification suite '" + name + "' (" + e
                    + "); put ipcm-conformance on the test class path, or name a " + CertificationSuite.class.getName()
                    + " with the configuration parameter " + CertifyParameters.SUITE, e);
        }
        if (!CertificationSuite.class.isAssignableFrom(type)) {
            throw new IllegalStateException("Class '" + name + "' named by " + CertifyParameters.SUITE
                    + " does not implement " + CertificationSuite.class.getName());
        }
        try {
            List<ScenarioSpec> scenarios = ((CertificationSuite) type.getConstructor().newInstance()).scenarios();
            return () -> scenarios;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            throw new IllegalStateException("Cannot create the certification suite '" + name + "': " + e, e);
        }
    }

    private static ClassLoader classLoader() {
        ClassLoader ctx = Thread.currentThread().getContextClassLoader();
        return ctx != null ? ctx : Suites.class.getClassLoader();
    }
}
