package dev.ipcm.engine;

import java.util.HashMap;
import java.util.Map;

/**
 * The bridge from an inner run's launcher parameters to system properties, for one reason:
 * jqwik gives its lifecycle hooks no way to read the launcher's configuration parameters, so
 * the harness's jqwik adapter ({@code @IpcmProperties}) reads its {@code ipcm.*} settings from
 * system properties and {@code junit-platform.properties}. Around one inner run the engine sets
 * the run's {@code ipcm.*} parameters as system properties, and then puts back what was there.
 * Scenarios run one at a time (the engine runs no nodes in parallel), so no two runs overlap.
 */
final class SystemPropertyBridge implements AutoCloseable {
    /** The prefix of the settings the harness reads. */
    static final String HARNESS_PREFIX = "ipcm.";

    private final Map<String, String> previous = new HashMap<>();

    private SystemPropertyBridge() {}

    /** Sets every {@code ipcm.*} parameter as a system property until {@link #close()}. */
    static SystemPropertyBridge open(Map<String, String> parameters) {
        SystemPropertyBridge bridge = new SystemPropertyBridge();
        parameters.forEach((k, v) -> {
            if (k.startsWith(HARNESS_PREFIX)) {
                bridge.previous.put(k, System.setProperty(k, v));
            }
        });
        return bridge;
    }

    /** Puts every property back as it was. */
    @Override
    public void close() {
        previous.forEach((k, v) -> {
            if (v == null) {
                System.clearProperty(k);
            } else {
                System.setProperty(k, v);
            }
        });
    }
}
