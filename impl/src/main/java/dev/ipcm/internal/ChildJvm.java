package dev.ipcm.internal;

import java.io.File;
import java.io.IOException;
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
        for (String o : ParentOptions.addedForThisJvm()) {
            if (QuickStartOptions.ALL.contains(o)) {
                quickStart = true;
            } else {
                shareClassData = true;
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
            added.addAll(QuickStartOptions.missingFrom(options));
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
        List<String> out = ParentOptions.inherited();
        out.addAll(jvmOptions);
        return out;
    }

    /** Starts the child. */
    public Process start() throws IOException {
        ClassDataArchive archive = null;
        List<String> archiveOptions = List.of();
        if (shareClassData) {
            List<String> base = options();
            if (quickStart) {
                base.addAll(0, QuickStartOptions.missingFrom(base));
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
