package dev.ipcm.engine;

import java.util.HashMap;
import java.util.Map;

/** System properties set for a while and then put back as they were. */
final class SystemProperties implements AutoCloseable {
    private final Map<String, String> previous = new HashMap<>();

    private SystemProperties() {}

    static SystemProperties set(Map<String, String> values) {
        SystemProperties scope = new SystemProperties();
        values.forEach((k, v) -> scope.previous.put(k, System.setProperty(k, v)));
        return scope;
    }

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
