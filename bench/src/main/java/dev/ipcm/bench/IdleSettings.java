package dev.ipcm.bench;

import java.time.Duration;

/**
 * The idle-query count on polled database stores (MariaDB, MySQL): whether it runs, how many idle
 * receivers, and for how long they are watched.
 *
 * @param enabled whether the queries are counted
 * @param receivers idle receivers on the store
 * @param window how long their queries are counted
 */
record IdleSettings(boolean enabled, int receivers, Duration window) {
    static final IdleSettings DEFAULTS = new IdleSettings(true, 4, Duration.ofSeconds(10));

    /** The setting as shown in reports. */
    String describe() {
        return enabled ? receivers + " idle receivers for " + window.toMillis()
                + " ms on a private MariaDB server (MariaDB, MySQL)" : "off";
    }
}
