package dev.ipcm.bench;

/**
 * The liveness-detection measurement's settings (database server stores only).
 *
 * @param enabled whether it runs
 * @param runs peer processes killed per protocol
 */
record LivenessSettings(boolean enabled, int runs) {
    static final LivenessSettings DEFAULTS = new LivenessSettings(true, 3);

    String describe() {
        return enabled ? runs + " peer JVMs per database server store, each SIGKILLed; timed from the kill until"
                + " another peer's peerActive says gone" : "off";
    }
}
