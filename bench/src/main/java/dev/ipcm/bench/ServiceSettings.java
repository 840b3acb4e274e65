package dev.ipcm.bench;

import java.util.List;

/**
 * The Echo service measurement: whether it runs, on which of the measured protocols, and how
 * many child-JVM starts of the service are timed.
 *
 * @param enabled whether the service is measured at all
 * @param starts child-JVM starts timed per protocol
 * @param protocols the protocols measured, or null for every measured protocol
 */
record ServiceSettings(boolean enabled, int starts, List<String> protocols) {
    static final ServiceSettings DEFAULTS = new ServiceSettings(true, 5, null);

    /** Whether the Echo service is measured on {@code protocol}. */
    boolean on(String protocol) {
        return enabled && (protocols == null || protocols.contains(protocol));
    }

    /** The setting as shown in reports. */
    String describe() {
        return enabled ? starts + " child-JVM starts, round trips at the first size, on "
                + (protocols == null ? "every measured protocol" : protocols) : "off";
    }
}
