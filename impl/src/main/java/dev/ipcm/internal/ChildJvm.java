package dev.ipcm.internal;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * Starts a child JVM that runs a main class with this JVM's class path and JVM options, the
 * Java stand-in for IPC::Manager's fork. Standard error is inherited so a child's failure is
 * visible; standard output is a pipe the caller reads.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class ChildJvm {
    /** Precedes the options a parent chose for this child: {@code -Dipcm.jvm.added=N} and then N options. */
    static final String ADDED_MARKER = "-Dipcm.jvm.added=";
    private static final List<String> QUICK_START = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");
    private final String mainClass;
    private final List<String> args = new ArrayList<>();
    private final List<String> jvmOptions = new ArrayList<>();
    private final Map<String, String> env = new java.util.LinkedHashMap<>();
    private boolean inheritOutput;
    private boolean quickStart;
    private boolean shareClassData;

    private ChildJvm(String mainClass) {
        this.mainClass = mainClass;
    }

    /** A child that will run {@code mainClass}. */
    public static ChildJvm of(Class<?> mainClass) {
        return new ChildJvm(mainClass.getName());
    }

    /** A child that will run the named main class. */
    public static ChildJvm of(String mainClass) {
        return new ChildJvm(mainClass);
    }

    /** Program arguments. */
    public ChildJvm args(String... values) {
        args.addAll(List.of(values));
        return this;
    }

    /** Program arguments. */
    public ChildJvm args(List<String> values) {
        args.addAll(values);
        return this;
    }

    /** An extra JVM option such as {@code -Dkey=value}. */
    public ChildJvm jvmOption(String option) {
        jvmOptions.add(option);
        return this;
    }

    /** An environment variable for the child. */
    public ChildJvm env(String key, String value) {
        env.put(key, value);
        return this;
    }

    /** Send the child's standard output to ours instead of a pipe. */
    public ChildJvm inheritOutput() {
        inheritOutput = true;
        return this;
    }

    /**
     * Tunes the child for a short start rather than peak speed: the C1 compiler only
     * ({@code -XX:TieredStopAtLevel=1}; C2 compiles would compete with the start for the CPU) and
     * the serial collector ({@code -XX:+UseSerialGC}: no collector threads to start, short pauses
     * on a small heap). Code compiled by C1 alone runs slower once a program is busy for minutes;
     * each option is left out where the inherited or given options already decide it.
     */
    public ChildJvm quickStart() {
        quickStart = true;
        return this;
    }

    /**
     * Lets the child map its classes from a class-data sharing archive in the user's cache, made by
     * the first such child (see {@link ClassDataArchive}); silently none where that cannot work.
     */
    public ChildJvm shareClassData() {
        shareClassData = true;
        return this;
    }

    /**
     * Chooses {@link #quickStart()} and {@link #shareClassData()} as this JVM's own launcher chose
     * them, for a process that takes over from this one.
     */
    public ChildJvm sameTuningAsThisJvm() {
        List<String> mine = ManagementFactory.getRuntimeMXBean().getInputArguments();
        for (int i = 0; i < mine.size(); i++) {
            if (mine.get(i).startsWith(ADDED_MARKER)) {
                int n = parseCount(mine.get(i).substring(ADDED_MARKER.length()));
                for (String o : mine.subList(i + 1, Math.min(mine.size(), i + 1 + n))) {
                    if (QUICK_START.contains(o)) {
                        quickStart = true;
                    } else {
                        shareClassData = true;
                    }
                }
            }
        }
        return this;
    }

    /** The full command line (without a class-data archive, which only {@link #start()} adds). */
    public List<String> command() {
        return command(List.of());
    }

    private List<String> command(List<String> archiveOptions) {
        List<String> cmd = new ArrayList<>();
        cmd.add(javaExecutable());
        List<String> options = options();
        List<String> added = new ArrayList<>(archiveOptions);
        if (quickStart) {
            added.addAll(quickStartOptions(options));
        }
        if (!added.isEmpty()) {
            // Marks what this JVM chose for its child, so that child does not pass it on to its own children.
            cmd.add(ADDED_MARKER + added.size());
            cmd.addAll(added);
        }
        cmd.addAll(options);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(mainClass);
        cmd.addAll(args);
        return cmd;
    }

    /** This JVM's options that carry over, then the ones given for the child. */
    private List<String> options() {
        List<String> out = new ArrayList<>();
        List<String> inherited = ManagementFactory.getRuntimeMXBean().getInputArguments();
        for (int i = 0; i < inherited.size(); i++) {
            String opt = inherited.get(i);
            if (opt.startsWith(ADDED_MARKER)) {
                // What our own parent chose for us (quick start, our archive) is not our children's business.
                i += parseCount(opt.substring(ADDED_MARKER.length()));
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
        out.addAll(jvmOptions);
        return out;
    }

    private static int parseCount(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static List<String> quickStartOptions(List<String> options) {
        List<String> out = new ArrayList<>();
        if (options.stream().noneMatch(o -> o.startsWith("-XX:TieredStopAtLevel") || o.endsWith("TieredCompilation")
                || o.equals("-Xint") || o.equals("-Xcomp") || o.equals("-Xmixed"))) {
            out.add(QUICK_START.get(0));
        }
        if (options.stream().noneMatch(o -> o.matches("-XX:[+-]Use\\w*GC"))) {
            out.add(QUICK_START.get(1));
        }
        return out;
    }

    /** Starts the child. */
    public Process start() throws IOException {
        ClassDataArchive archive = null;
        List<String> archiveOptions = List.of();
        if (shareClassData) {
            List<String> base = options();
            if (quickStart) {
                base.addAll(0, quickStartOptions(base));
            }
            archive = ClassDataArchive.forChild(base, System.getProperty("java.class.path")).orElse(null);
            if (archive != null) {
                archiveOptions = archive.childOptions();
            }
        }
        ProcessBuilder pb = new ProcessBuilder(command(archiveOptions));
        pb.environment().putAll(env);
        pb.redirectError(ProcessBuilder.Redirect.INHERIT);
        pb.redirectInput(ProcessBuilder.Redirect.PIPE);
        if (inheritOutput) {
            pb.redirectOutput(ProcessBuilder.Redirect.INHERIT);
        }
        Process p;
        try {
            p = pb.start();
        } catch (IOException | RuntimeException e) {
            if (archive != null) {
                archive.notStarted(archiveOptions);
            }
            throw e;
        }
        if (archive != null) {
            archive.started(p, archiveOptions);
        }
        return p;
    }

    /** The java launcher of the running JVM. */
    public static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java" + (File.separatorChar == '\\' ? ".exe" : "")).toString();
    }
}
