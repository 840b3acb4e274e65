package dev.ipcm.archfixture;

import dev.ipcm.archfixture.below.CallsBackUp;

/** Half of a deliberate package cycle, the one {@code PackageCyclesTest} must find. */
public final class CallsDown {
    private CallsDown() {}

    static CallsBackUp below() {
        return null;
    }
}
