package dev.ipcm.engine;

import java.util.List;
import java.util.Optional;

/** Finds the suite to run: the configured one, else the conformance suite. */
final class Suites {

    private Suites() {}

    /**
     * Loads the suite.
     *
     * @throws IllegalStateException saying which class could not be used and why
     */
    static CertificationSuite load(Optional<String> configured) {
        if (configured.isEmpty()) {
            return new ConformanceScenarios();
        }
        String name = configured.get();
        Class<?> type;
        try {
            type = Class.forName(name, true, classLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new IllegalStateException("Cannot load the certification suite '" + name + "' named by "
                    + CertifyParameters.SUITE + " (" + e + "); name a " + CertificationSuite.class.getName()
                    + " on the test class path, or remove the parameter to run the conformance suite", e);
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
