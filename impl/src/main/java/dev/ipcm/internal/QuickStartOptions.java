package dev.ipcm.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * The options of {@link ChildJvm#quickStart()}: the C1 compiler only and the serial collector,
 * each left out where the child's other options already decide it.
 */
final class QuickStartOptions {
    /** Both options, as a child's command line carries them. */
    static final List<String> ALL = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

    private QuickStartOptions() {}

    /** The quick-start options that {@code options} do not already decide. */
    static List<String> missingFrom(List<String> options) {
        List<String> out = new ArrayList<>();
        if (options.stream().noneMatch(o -> o.startsWith("-XX:TieredStopAtLevel") || o.endsWith("TieredCompilation")
                || o.equals("-Xint") || o.equals("-Xcomp") || o.equals("-Xmixed"))) {
            out.add(ALL.get(0));
        }
        if (options.stream().noneMatch(o -> o.matches("-XX:[+-]Use\\w*GC"))) {
            out.add(ALL.get(1));
        }
        return out;
    }
}
