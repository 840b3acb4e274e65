package dev.ipcm.engine;

import org.junit.platform.engine.ConfigurationParameters;
import org.junit.platform.engine.EngineExecutionListener;
import org.junit.platform.engine.support.hierarchical.EngineExecutionContext;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherFactory;

/** What every node of one certification run shares: the configuration, the listener, and how to make inner launchers. */
final class CertifyContext implements EngineExecutionContext {
    private final ConfigurationParameters configuration;
    private final EngineExecutionListener listener;

    CertifyContext(ConfigurationParameters configuration, EngineExecutionListener listener) {
        this.configuration = configuration;
        this.listener = listener;
    }

    ConfigurationParameters configuration() {
        return configuration;
    }

    EngineExecutionListener listener() {
        return listener;
    }

    /**
     * A launcher for one scenario, with nothing auto-registered but engines. A fresh one each
     * time, because a scenario that timed out may still be running in the previous one.
     */
    Launcher newLauncher() {
        // Listeners and filters found on the class path belong to the outer run (Surefire's,
        // an IDE's); registering them again would report every inner test twice.
        return LauncherFactory.create(LauncherConfig.builder()
                .enableTestExecutionListenerAutoRegistration(false)
                .enablePostDiscoveryFilterAutoRegistration(false)
                .enableLauncherDiscoveryListenerAutoRegistration(false)
                .enableLauncherSessionListenerAutoRegistration(false)
                .build());
    }
}
