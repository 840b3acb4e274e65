package dev.ipcm.cli;

import java.util.List;

/**
 * The JVM option that lets JNA (used for signals, liveness and FIFOs) load its native library
 * without the warning JDK 22 and later print on standard error, which would otherwise stand in
 * front of every reason the command prints. JDK 17 does not know the option, so it is only given
 * where it exists. The runnable jar says the same in its manifest.
 */
final class NativeAccess {
    private static final int FIRST_JDK_WITH_OPTION = 22;

    private NativeAccess() {}

    /** The options to start a child JVM of this Java version with. */
    static List<String> jvmOptions() {
        return Runtime.version().feature() >= FIRST_JDK_WITH_OPTION
                ? List.of("--enable-native-access=ALL-UNNAMED")
                : List.of();
    }
}
