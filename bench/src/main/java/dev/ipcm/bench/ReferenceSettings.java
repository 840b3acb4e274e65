package dev.ipcm.bench;

import java.nio.file.Path;

/**
 * What a run measures beside ipcm besides the raw Java transports: the Perl reference and the C
 * limits.
 *
 * @param perl whether to run the Perl reference's bench script
 * @param env its {@code env.sh} or folder, or {@code null} for {@value PerlReference#SETTING}
 * @param limits whether to build and run the C limits: {@code null} when gcc is on the PATH
 */
record ReferenceSettings(boolean perl, Path env, Boolean limits) {
    static final ReferenceSettings DEFAULTS = new ReferenceSettings(false, null, null);

    /** Whether the C limits run: as asked, else when gcc is there. */
    boolean limitsOn() {
        return limits != null ? limits : CLimits.compilerPresent();
    }

    String describe() {
        return (perl ? "Perl reference from " + (env == null ? "$" + PerlReference.SETTING : env) : "no Perl reference")
                + "; " + (limits == null ? "C limits when gcc is on the PATH" : limits ? "C limits" : "no C limits");
    }
}
