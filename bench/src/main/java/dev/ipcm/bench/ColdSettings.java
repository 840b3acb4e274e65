package dev.ipcm.bench;

/**
 * The cold measurement's settings.
 *
 * @param enabled whether it runs
 * @param messages messages a fresh JVM streams after its first one
 * @param runs fresh JVMs started per protocol
 */
record ColdSettings(boolean enabled, int messages, int runs) {
    static final ColdSettings DEFAULTS = new ColdSettings(true, 20_000, 3);

    String describe() {
        return enabled ? runs + " fresh JVMs per protocol, each sends 1 message and then streams " + messages
                + "; thread services started as often as child-JVM ones" : "off";
    }
}
