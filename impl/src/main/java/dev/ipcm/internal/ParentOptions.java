package dev.ipcm.internal;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * This JVM's own options as {@link ChildJvm} sees them: the ones a child inherits, and the ones
 * this JVM's parent added for it alone (after {@link ChildJvm#ADDED_MARKER}), which are not
 * passed on.
 */
final class ParentOptions {
    private ParentOptions() {}

    /** This JVM's options that carry over to a child, in a fresh list the caller may extend. */
    static List<String> inherited() {
        List<String> out = new ArrayList<>();
        List<String> inherited = ManagementFactory.getRuntimeMXBean().getInputArguments();
        for (int i = 0; i < inherited.size(); i++) {
            String opt = inherited.get(i);
            if (opt.startsWith(ChildJvm.ADDED_MARKER)) {
                // What our own parent chose for us (quick start, our archive) is not our children's business.
                i += parseCount(opt.substring(ChildJvm.ADDED_MARKER.length()));
                continue;
            }
            // Debugger and agent options would clash on ports or files, and two JVMs must never dump one
            // archive; the rest (memory, --add-opens) carries over.
            if (!opt.startsWith("-agentlib") && !opt.startsWith("-javaagent") && !opt.startsWith("-Xrunjdwp")
                    && !opt.startsWith("-XX:ArchiveClassesAtExit")) {
                out.add(opt);
            }
        }
        if (Runtime.version().feature() >= 22 && out.stream().noneMatch(o -> o.startsWith("--enable-native-access"))) {
            // JNA's native calls otherwise make JDK 22+ print a warning into the child's output.
            out.add("--enable-native-access=ALL-UNNAMED");
        }
        return out;
    }

    /** The options this JVM's parent chose for this JVM alone (quick start, a class-data archive). */
    static List<String> addedForThisJvm() {
        List<String> mine = ManagementFactory.getRuntimeMXBean().getInputArguments();
        List<String> out = new ArrayList<>();
        for (int i = 0; i < mine.size(); i++) {
            if (mine.get(i).startsWith(ChildJvm.ADDED_MARKER)) {
                int n = parseCount(mine.get(i).substring(ChildJvm.ADDED_MARKER.length()));
                out.addAll(mine.subList(i + 1, Math.min(mine.size(), i + 1 + n)));
            }
        }
        return out;
    }

    private static int parseCount(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
