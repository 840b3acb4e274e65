package dev.ipcm.archfixture.below;

import dev.ipcm.archfixture.CallsDown;

/** The other half of the deliberate package cycle {@code PackageCyclesTest} must find. */
public final class CallsBackUp {
    private CallsBackUp() {}

    static CallsDown above() {
        return null;
    }
}
